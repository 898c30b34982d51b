{% macro raw_file_groups(files) -%}
    {#- The files of a raw table ({path, present}) grouped by format, CSV
        first: [{paths, present}] where present is every column name of the
        group's files (first spelling kept). -#}
    {%- set groups = [] -%}
    {%- for parquet in [false, true] -%}
        {%- set paths = [] -%}
        {%- set present = [] -%}
        {%- set seen = [] -%}
        {%- for file in files
            if (file.path | lower).endswith('.parquet') == parquet -%}
            {%- do paths.append(file.path) -%}
            {%- for name in file.present if (name | lower) not in seen -%}
                {%- do seen.append(name | lower) -%}
                {%- do present.append(name) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- if paths | length > 0 -%}
            {%- do groups.append({'paths': paths, 'present': present}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(groups) }}
{%- endmacro %}
