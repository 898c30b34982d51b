{% macro raw_table_paths(table_name, entry) -%}
    {#- The files of one raw table, from its entry in raw_files: the path of
        one file (`.csv` / `.parquet`, any case), the path of a folder of
        deliveries (its files, macro raw_folder_files), or a list of file
        paths (what `assist build` passes for a folder). A list, possibly
        empty (an empty folder: a table with no rows). -#}
    {%- if entry is string -%}
        {%- set lowered = entry | lower -%}
        {%- if lowered.endswith('.csv') or lowered.endswith('.parquet') -%}
            {{ return([entry]) }}
        {%- endif -%}
        {{ return(assist.raw_folder_files(entry)) }}
    {%- elif entry is iterable and entry is not mapping -%}
        {%- for path in entry if path is not string -%}
            {{ exceptions.raise_compiler_error(
                "raw_files: the files of raw table " ~ table_name
                ~ " must be paths, got " ~ path) }}
        {%- endfor -%}
        {{ return(entry | list) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error(
        "raw_files: raw table " ~ table_name
        ~ " must be a file path, a folder path or a list of file paths") }}
{%- endmacro %}
