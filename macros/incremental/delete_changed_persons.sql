{% macro delete_changed_persons() -%}
    {#- Pre-hook of a person-scoped incremental model: removes the rows of
        the persons about to be recomputed (also those who no longer exist,
        merged into another person). Nothing on a first or full build. Its
        ref() is what makes the model run after int_persons_changed. -#}
    {%- set changed = ref('int_persons_changed') -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where person_id in (select person_id from {{ changed }})
    {%- endif -%}
{%- endmacro %}
