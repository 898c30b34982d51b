{% macro hash_sum(expression) -%}
    {{ return(adapter.dispatch('hash_sum', 'assist')(expression)) }}
{%- endmacro %}

{#- The sum of 64-bit hashes as text, without overflow (an order-free
    fingerprint of a set of rows). -#}
{% macro default__hash_sum(expression) -%}
    cast(sum(cast({{ expression }} as decimal(38, 0))) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__hash_sum(expression) -%}
    cast(sum({{ expression }}) as varchar)
{%- endmacro %}
