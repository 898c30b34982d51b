{% macro row_hash_columns(relation) -%}
    {#- The quoted column names of a relation, comma-separated (a constant
        while parsing, when the relation may not exist yet), without the
        columns that record when a build wrote the row (loaded_at,
        stitched_at: a row written again with the same values hashes the
        same). -#}
    {%- if not execute -%}
        {{ return("'parsing'") }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation)
        if column.name | lower not in ['loaded_at', 'stitched_at'] -%}
        {%- do names.append(adapter.quote(column.name)) -%}
    {%- endfor -%}
    {{ return(names | join(', ')) }}
{%- endmacro %}
