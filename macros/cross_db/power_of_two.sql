{% macro power_of_two(exponent) -%}
    {{ return(adapter.dispatch('power_of_two', 'assist')(exponent)) }}
{%- endmacro %}

{#- 2 to the power of a non-negative integer expression (at most 62), as a
    bigint: the bit of a channel in a channel-set bitmask. -#}
{% macro default__power_of_two(exponent) -%}
    cast(power(2, {{ exponent }}) as bigint)
{%- endmacro %}

{% macro duckdb__power_of_two(exponent) -%}
    (cast(1 as bigint) << cast({{ exponent }} as integer))
{%- endmacro %}

{% macro spark__power_of_two(exponent) -%}
    shiftleft(cast(1 as bigint), cast({{ exponent }} as int))
{%- endmacro %}
