{% macro parse_number(expression) -%}
    {#- Decimal text (optional sign, point, exponent) to a finite double;
        anything else (including NaN, Infinity and values too large for a
        double, such as 1e400) is null. -#}
    case
        when {{ assist.regex_matches(expression, "'^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$'") }}
            and abs({{ assist.try_cast(expression, 'double') }})
                <= 1.7976931348623157e308
            then {{ assist.try_cast(expression, 'double') }}
    end
{%- endmacro %}
