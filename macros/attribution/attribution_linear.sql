{% macro attribution_linear(paths) -%}
    {#- Model linear (CONTRACT 6): 1/n to each of the n touches. -#}
    select
        {{ paths }}.*,
        cast(1 as double) / path_length as credit
    from {{ paths }}
{%- endmacro %}
