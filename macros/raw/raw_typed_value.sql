{% macro raw_typed_value(column) -%}
    {#- The typed, normalised value of one trimmed raw text column. -#}
    {%- set name = column.name -%}
    {%- if column.type == 'timestamp' -%}
        {{ assist.parse_timestamp(name) }}
    {%- elif column.type == 'date' -%}
        {{ assist.parse_date(name) }}
    {%- elif column.type == 'number' -%}
        {{ assist.parse_number(name) }}
    {%- elif column.type == 'boolean' -%}
        {{ assist.parse_boolean(name) }}
    {%- elif column.type in ['enum', 'email_hash'] -%}
        lower({{ name }})
    {%- elif column.type in ['currency', 'currency_code'] -%}
        upper({{ name }})
    {%- else -%}
        {{ name }}
    {%- endif -%}
{%- endmacro %}
