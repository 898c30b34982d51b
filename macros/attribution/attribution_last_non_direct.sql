{% macro attribution_last_non_direct(paths) -%}
    {#- Model last_non_direct (CONTRACT 6): credit 1 to the last touch whose
        channel is not direct; a path of direct touches only: to position n. -#}
    select
        positioned.*,
        cast(case
            when touch_position
                = coalesce(last_non_direct_position, path_length)
                then 1
            else 0
        end as double) as credit
    from (
        select
            {{ paths }}.*,
            max(case when channel <> 'direct' then touch_position end)
                over (partition by conversion_id)
                as last_non_direct_position
        from {{ paths }}
    ) as positioned
{%- endmacro %}
