{% macro raw_file_columns(path) -%}
    {{ return(adapter.dispatch('raw_file_columns', 'assist')(path)) }}
{%- endmacro %}

{% macro duckdb__raw_file_columns(path) -%}
    {%- set result = run_query(
        'select * from ' ~ assist.raw_file_reader(path) ~ ' limit 0') -%}
    {{ return(result.column_names | list) }}
{%- endmacro %}

{#- The file's header, read through a temporary view, so that every file can
    be checked before anything is created in the warehouse. -#}
{% macro spark__raw_file_columns(path) -%}
    {%- set probe = 'assist__raw_file_probe' -%}
    {%- do run_query('create or replace temporary view ' ~ probe ~ ' '
        ~ assist.raw_file_reader(path)) -%}
    {%- set result = run_query('select * from ' ~ probe ~ ' limit 0') -%}
    {%- do run_query('drop view if exists ' ~ probe) -%}
    {{ return(result.column_names | list) }}
{%- endmacro %}
