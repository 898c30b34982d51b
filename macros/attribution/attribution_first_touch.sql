{% macro attribution_first_touch(paths) -%}
    {#- Model first_touch (CONTRACT 6): credit 1 to position 1. The shape of
        every attribution model: see macro credits_of_attribution_model. -#}
    select
        {{ paths }}.*,
        cast(case when touch_position = 1 then 1 else 0 end as double)
            as credit
    from {{ paths }}
{%- endmacro %}
