{% macro known_attribution_models() -%}
    {#- Names of the attribution models this project can build: every macro
        attribution_<name> of the project, sorted. -#}
    {%- set names = [] -%}
    {%- for macro_name in assist -%}
        {%- if macro_name.startswith('attribution_') -%}
            {%- do names.append(macro_name[12:]) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(names | sort) }}
{%- endmacro %}
