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

{#- Spark SQL has no table function that reads a CSV with options, so here
    the reader is the data source clause of a table (or temporary view) over
    the file: CSV with a header row, every value as text (no schema
    inference), quoted fields may hold commas, doubled quotes and line
    breaks, like DuckDB's read_csv(quote = '"', escape = '"'); a line with
    too few or too many fields fails the read (FAILFAST), as on DuckDB,
    instead of being padded or cut. Or Parquet. -#}
{% macro spark__raw_file_reader(path) -%}
    {%- set quoted = "'" ~ path | replace("\\", "\\\\") | replace("'", "\\'") ~ "'" -%}
    {%- if path.lower().endswith('.parquet') -%}
        using parquet options (path {{ quoted }})
    {%- else -%}
        using csv options (
            path {{ quoted }}, header 'true', inferSchema 'false',
            sep ',', quote '"', escape '"', multiLine 'true',
            encoding 'UTF-8', mode 'FAILFAST'
        )
    {%- endif -%}
{%- endmacro %}
