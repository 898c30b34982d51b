{% macro create_raw_schema() -%}
    {{ return(adapter.dispatch('create_raw_schema', 'assist')()) }}
{%- endmacro %}

{% macro default__create_raw_schema() -%}
    create schema if not exists {{ var('raw_schema') }}
{%- endmacro %}
