{% macro raw_file_reader(path, with_file_name=false) -%}
    {{ return(adapter.dispatch('raw_file_reader', 'assist')(path, with_file_name)) }}
{%- endmacro %}

{#- A table expression reading raw files, chosen by the (first) file's
    extension: CSV with a header row, every value as text; or Parquet.
    `path` is one path or a list of paths of one format, read as one
    relation whose columns are matched by name across files
    (union_by_name: a column some files lack is null in their rows).
    `with_file_name`: a column `filename`, the path each row was read from. -#}
{% macro duckdb__raw_file_reader(path, with_file_name=false) -%}
    {%- set paths = [path] if path is string else path -%}
    {%- set quoted_paths = [] -%}
    {%- for one in paths -%}
        {%- do quoted_paths.append("'" ~ one | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {%- set quoted = quoted_paths[0] if path is string
        else '[' ~ quoted_paths | join(', ') ~ ']' -%}
    {%- set union = '' if path is string else ', union_by_name = true' -%}
    {%- set union = union ~ (', filename = true' if with_file_name else '') -%}
    {%- if (paths[0] | lower).endswith('.parquet') -%}
        read_parquet({{ quoted }}{{ union }})
    {%- else -%}
        read_csv({{ quoted }}, header = true, all_varchar = true,
            delim = ',', quote = '"', escape = '"'{{ union }})
    {%- endif -%}
{%- endmacro %}

{#- Spark SQL has no table function that reads a CSV with options, so here
    the reader is the data source clause of a table (or temporary view) over
    the file: CSV with a header row, every value as text (no schema
    inference), quoted fields may hold commas, doubled quotes and line
    breaks, like DuckDB's read_csv(quote = '"', escape = '"'); a line with
    too few or too many fields fails the read (FAILFAST), as on DuckDB,
    instead of being padded or cut. Or Parquet. One file only: the files
    of a folder are each read by their own table (create_raw_relation). -#}
{% macro spark__raw_file_reader(path, with_file_name=false) -%}
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
