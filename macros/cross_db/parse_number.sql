{% macro parse_number(expression) -%}
    {#- Decimal text (optional sign, point, exponent) to a double; anything
        else (including NaN and Infinity) is null. -#}
    case
        when {{ assist.regex_matches(expression, "'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$'") }}
            then {{ assist.try_cast(expression, 'double') }}
    end
{%- endmacro %}
