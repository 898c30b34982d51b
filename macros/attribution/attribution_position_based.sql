{% macro attribution_position_based(
    paths, first_weight=none, last_weight=none
) -%}
    {#- Model position_based (CONTRACT 6): n = 1: 1; n = 2: 1/2 each; n >= 3:
        first_weight to the first touch, last_weight to the last, the rest
        shared equally by the middle touches. Weights default to the vars
        first_weight and last_weight (U 0.4/0.4, J 0.2/0.6, inverse J
        0.6/0.2); each must be a number in [0, 1] and their sum at most 1. -#}
    {%- set first_weight = var('first_weight')
        if first_weight is none else first_weight -%}
    {%- set last_weight = var('last_weight')
        if last_weight is none else last_weight -%}
    {%- for name, weight in [
        ('first_weight', first_weight), ('last_weight', last_weight)
    ] -%}
        {%- if weight is not number or weight < 0 or weight > 1 -%}
            {{ exceptions.raise_compiler_error(
                "attribution model position_based: " ~ name ~ " must be a "
                ~ "number between 0 and 1, got '" ~ weight ~ "'") }}
        {%- endif -%}
    {%- endfor -%}
    {%- if first_weight + last_weight > 1 -%}
        {{ exceptions.raise_compiler_error(
            "attribution model position_based: first_weight + last_weight "
            ~ "must be at most 1, got " ~ first_weight ~ " + " ~ last_weight) }}
    {%- endif -%}
    select
        {{ paths }}.*,
        case
            when path_length = 1 then cast(1 as double)
            when path_length = 2 then cast(1 as double) / 2
            when touch_position = 1 then cast({{ first_weight }} as double)
            when touch_position = path_length
                then cast({{ last_weight }} as double)
            else (
                1 - cast({{ first_weight }} as double)
                - cast({{ last_weight }} as double)
            ) / (path_length - 2)
        end as credit
    from {{ paths }}
{%- endmacro %}
