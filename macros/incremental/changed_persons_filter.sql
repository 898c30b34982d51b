{% macro changed_persons_filter(person_column='person_id') -%}
    {{ return(adapter.dispatch('changed_persons_filter', 'assist')(person_column)) }}
{%- endmacro %}

{#- A condition keeping the input rows of the persons to recompute: on an
    incremental run, those of int_persons_changed; otherwise, and in unit
    tests (whose fixtures are the whole input), every row. The dependency on
    int_persons_changed is the pre-hook's ref, so that unit tests need no
    fixture for it. -#}
{% macro default__changed_persons_filter(person_column) -%}
    {%- if is_incremental() and model.resource_type != 'unit_test' -%}
        {{ person_column }} in (select person_id from {{ assist.changed_persons_relation() }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{% macro spark__changed_persons_filter(person_column) -%}
    true
{%- endmacro %}
