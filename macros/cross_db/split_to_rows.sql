{% macro split_to_rows(text, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows', 'assist')(text, delimiter)) }}
{%- endmacro %}

{#- Select-list expression: one output row per part of `text` split on the
    one-character literal `delimiter` (parts untrimmed, empty parts kept; a
    null text gives no row). Use it alone in a select with plain columns. -#}
{% macro default__split_to_rows(text, delimiter) -%}
    unnest(string_to_array({{ text }}, '{{ delimiter }}'))
{%- endmacro %}

{% macro duckdb__split_to_rows(text, delimiter) -%}
    unnest(string_split({{ text }}, '{{ delimiter }}'))
{%- endmacro %}

{#- Spark's split takes a regex: the delimiter goes in a character class. -#}
{% macro spark__split_to_rows(text, delimiter) -%}
    explode(split({{ text }}, '[{{ delimiter }}]'))
{%- endmacro %}
