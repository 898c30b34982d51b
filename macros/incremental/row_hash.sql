{% macro row_hash(relation, exclude=[]) -%}
    {{ return(adapter.dispatch('row_hash', 'assist')(relation, exclude)) }}
{%- endmacro %}

{#- A 64-bit hash of every column of a relation's row (all columns but
    `exclude`, in the relation's order), for change detection only: the
    values differ between engines. -#}
{% macro default__row_hash(relation, exclude=[]) -%}
    xxhash64({{ assist.row_hash_columns(relation, exclude) }})
{%- endmacro %}

{% macro duckdb__row_hash(relation, exclude=[]) -%}
    hash({{ assist.row_hash_columns(relation, exclude) }})
{%- endmacro %}
