{% macro sha256_hex(expression) -%}
    {{ return(adapter.dispatch('sha256_hex', 'assist')(expression)) }}
{%- endmacro %}

{% macro default__sha256_hex(expression) -%}
    lower(sha2({{ expression }}, 256))
{%- endmacro %}

{% macro duckdb__sha256_hex(expression) -%}
    lower(sha256({{ expression }}))
{%- endmacro %}
