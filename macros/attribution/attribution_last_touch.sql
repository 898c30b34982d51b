{% macro attribution_last_touch(paths) -%}
    {#- Model last_touch (CONTRACT 6): credit 1 to position n. -#}
    select
        {{ paths }}.*,
        cast(case when touch_position = path_length then 1 else 0 end
            as double) as credit
    from {{ paths }}
{%- endmacro %}
