{% macro parse_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'assist')(expression)) }}
{%- endmacro %}

{#- ISO 8601 text (date, or date and time with an optional offset; no offset
    means UTC) to a UTC timestamp; anything else is null. The shape is checked
    first so that every engine accepts and rejects the same strings. -#}
{% macro default__parse_timestamp(expression) -%}
    case
        when {{ assist.regex_matches(expression, "'" ~ assist.iso_timestamp_pattern() ~ "'") }}
            then {{ assist.try_cast(expression, 'timestamp') }}
    end
{%- endmacro %}

{% macro duckdb__parse_timestamp(expression) -%}
    case
        when {{ assist.regex_matches(expression, "'" ~ assist.iso_timestamp_pattern() ~ "'") }}
            then cast(try_cast({{ expression }} as timestamptz) as timestamp)
    end
{%- endmacro %}
