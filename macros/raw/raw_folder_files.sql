{% macro raw_folder_files(folder) -%}
    {#- The deliveries of a raw table folder, sorted by name: its `.csv` and
        `.parquet` files; names starting with `.` or `_` are ignored, any
        other file is an error naming it (as `assist validate` does). -#}
    {%- set listed = assist.raw_folder_listing(folder) -%}
    {%- set files = [] -%}
    {%- for path in listed | sort -%}
        {%- set name = path.rstrip('/').split('/')[-1] -%}
        {%- set lowered = name | lower -%}
        {%- if name.startswith('.') or name.startswith('_') -%}
        {%- elif lowered.endswith('.csv') or lowered.endswith('.parquet') -%}
            {%- do files.append(path) -%}
        {%- else -%}
            {{ exceptions.raise_compiler_error(
                path ~ ": not a .csv or .parquet file; a raw table folder "
                ~ "holds only its deliveries (names starting with . or _ "
                ~ "are ignored)") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(files) }}
{%- endmacro %}
