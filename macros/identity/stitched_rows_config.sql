{% macro stitched_rows_config(staged, key, identifier_columns) -%}
    {{ return(adapter.dispatch('stitched_rows_config', 'assist')(
        staged, key, identifier_columns
    )) }}
{%- endmacro %}

{#- The config of a stitched model (int_*_stitched; README "Incremental
    builds"): incremental, each build stitching again only the staged rows
    decided since the model's last build and the rows carrying an
    identifier whose person changed since (macro restitched_rows). The
    pre-hook deletes the old rows of both; the post-hook removes rows whose
    key is no longer staged (a re-decided or vanished row), found when the
    row counts differ. `staged` names the staging model, `key` its key
    column. -#}
{% macro default__stitched_rows_config(staged, key, identifier_columns) -%}
    {%- set arguments = "'" ~ staged ~ "', '" ~ key ~ "', "
        ~ tojson(identifier_columns) | replace('"', "'") -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'append',
        'on_schema_change': 'fail',
        'pre_hook': "{{ assist.delete_restitched_rows(" ~ arguments ~ ") }}",
        'post_hook': "{{ assist.delete_unstaged_rows('" ~ staged ~ "', '"
            ~ key ~ "') }}",
        'meta': {'rows_written': {'written_at': 'stitched_at'}},
    }) }}
{%- endmacro %}

{#- Spark's Parquet tables cannot delete rows: a table, every row stitched
    on each build. -#}
{% macro spark__stitched_rows_config(staged, key, identifier_columns) -%}
    {{ return({'materialized': 'table'}) }}
{%- endmacro %}
