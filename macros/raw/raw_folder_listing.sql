{% macro raw_folder_listing(folder) -%}
    {{ return(adapter.dispatch('raw_folder_listing', 'assist')(folder)) }}
{%- endmacro %}

{#- Every file directly in the folder (any name), as paths the engine
    reads. DuckDB: its glob table function. -#}
{% macro duckdb__raw_folder_listing(folder) -%}
    {%- set pattern = folder.rstrip('/') ~ '/*' -%}
    {%- set result = run_query("select file from glob('"
        ~ pattern | replace("'", "''") ~ "')") -%}
    {{ return(result.columns[0].values() | list) }}
{%- endmacro %}

{#- Spark: the binaryFile source lists the folder (reading no content when
    only the path is selected); it already skips names starting with . or
    _. Paths come back as file: URIs, which the readers accept. -#}
{% macro spark__raw_folder_listing(folder) -%}
    {%- set probe = 'assist__raw_folder_probe' -%}
    {%- set quoted = "'" ~ folder | replace("\\", "\\\\") | replace("'", "\\'") ~ "'" -%}
    {%- do run_query('create or replace temporary view ' ~ probe
        ~ ' using binaryFile options (path ' ~ quoted ~ ')') -%}
    {%- set result = run_query('select path from ' ~ probe) -%}
    {%- do run_query('drop view if exists ' ~ probe) -%}
    {{ return(result.columns[0].values() | list) }}
{%- endmacro %}
