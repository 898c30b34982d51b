{% macro row_hash(relation) -%}
    {{ return(adapter.dispatch('row_hash', 'assist')(relation)) }}
{%- endmacro %}

{#- A 64-bit hash of every column of a relation's row (in the relation's
    order), for change detection only: the values differ between
    engines. -#}
{% macro default__row_hash(relation) -%}
    xxhash64({{ assist.row_hash_columns(relation) }})
{%- endmacro %}

{% macro duckdb__row_hash(relation) -%}
    hash({{ assist.row_hash_columns(relation) }})
{%- endmacro %}
