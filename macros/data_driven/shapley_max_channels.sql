{% macro shapley_max_channels() -%}
    {#- The var shapley_max_channels, checked: an integer from 1 to 20 (the
        game on m channels enumerates 2^m coalitions per channel set). -#}
    {%- set cap = var('shapley_max_channels') -%}
    {%- if cap is not number or cap != cap | int
        or cap < 1 or cap > 20 -%}
        {{ exceptions.raise_compiler_error(
            "var shapley_max_channels must be an integer from 1 to 20, got '"
            ~ cap ~ "'") }}
    {%- endif -%}
    {{ return(cap | int) }}
{%- endmacro %}
