{% macro person_identifiers_config() -%}
    {{ return(adapter.dispatch('person_identifiers_config', 'assist')()) }}
{%- endmacro %}

{#- int_person_identifiers' config. DuckDB: incremental on the identifier
    (delete+insert): a build writes the identifiers it resolved otherwise
    than the last build did, then deletes those that left the graph (rows
    with a null person_id) and its scratch tables. -#}
{% macro default__person_identifiers_config() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': ['identifier_type', 'identifier'],
        'on_schema_change': 'fail',
        'post_hook': [
            "{{ assist.drop_scratch_relations(['nodes', 'labels']) }}",
            "{% if is_incremental() %}delete from {{ this }}"
            ~ " where person_id is null{% endif %}",
        ],
        'meta': {'rows_written': {'written_at': 'resolved_at'}},
    }) }}
{%- endmacro %}

{#- Spark's Parquet tables cannot delete rows: a table, resolved in full on
    each build. -#}
{% macro spark__person_identifiers_config() -%}
    {{ return({
        'materialized': 'table',
        'post_hook': "{{ assist.drop_scratch_relations(['nodes', 'labels']) }}",
    }) }}
{%- endmacro %}
