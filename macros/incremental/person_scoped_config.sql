{% macro person_scoped_config() -%}
    {{ return(adapter.dispatch('person_scoped_config', 'assist')()) }}
{%- endmacro %}

{#- The config of a person-scoped incremental model (README "Incremental
    builds"): on an incremental run the rows of the changed persons
    (int_persons_changed) are deleted by the pre-hook and recomputed from
    the model's select, which reads only those persons' input rows (and
    the build's row-local data tests read only theirs: macro
    rows_under_test). A model or settings change that alters columns
    needs `--full-refresh`. -#}
{% macro default__person_scoped_config() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': 'fail',
        'pre_hook': "{{ assist.delete_changed_persons() }}",
        'meta': {'rows_written': 'changed_persons'},
    }) }}
{%- endmacro %}

{#- Spark's Parquet tables cannot delete rows: the model's select reads
    every person (changed_persons_filter is `true`) and insert_overwrite
    replaces the table, which equals a full refresh. A Delta table could
    merge per person instead. -#}
{% macro spark__person_scoped_config() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'insert_overwrite',
        'on_schema_change': 'fail',
    }) }}
{%- endmacro %}
