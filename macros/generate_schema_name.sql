{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- A folder's schema is used as named (marts go to `marts`), not
        prefixed with the target schema. -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
