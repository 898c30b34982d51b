{% macro parse_date(expression) -%}
    {#- An ISO date (YYYY-MM-DD) to a date; anything else is null. -#}
    case
        when {{ assist.regex_matches(expression, "'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'") }}
            then {{ assist.try_cast(expression, 'date') }}
    end
{%- endmacro %}
