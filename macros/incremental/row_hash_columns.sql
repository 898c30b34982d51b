{% macro row_hash_columns(relation) -%}
    {#- The quoted column names of a relation, comma-separated (a constant
        while parsing, when the relation may not exist yet). -#}
    {%- if not execute -%}
        {{ return("'parsing'") }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do names.append(adapter.quote(column.name)) -%}
    {%- endfor -%}
    {{ return(names | join(', ')) }}
{%- endmacro %}
