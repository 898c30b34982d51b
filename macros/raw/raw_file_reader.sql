{% macro raw_file_reader(path) -%}
    {{ return(adapter.dispatch('raw_file_reader', 'assist')(path)) }}
{%- endmacro %}

{#- A table expression reading one raw file, chosen by its extension: CSV
    with a header row, every value as text; or Parquet. -#}
{% macro duckdb__raw_file_reader(path) -%}
    {%- set quoted = "'" ~ path | replace("'", "''") ~ "'" -%}
    {%- if path.lower().endswith('.parquet') -%}
        read_parquet({{ quoted }})
    {%- else -%}
        read_csv({{ quoted }}, header = true, all_varchar = true,
            delim = ',', quote = '"', escape = '"')
    {%- endif -%}
{%- endmacro %}
