{% macro raw_file_columns(path) -%}
    {{ return(adapter.dispatch('raw_file_columns', 'assist')(path)) }}
{%- endmacro %}

{% macro duckdb__raw_file_columns(path) -%}
    {%- set result = run_query(
        'select * from ' ~ assist.raw_file_reader(path) ~ ' limit 0') -%}
    {{ return(result.column_names | list) }}
{%- endmacro %}
