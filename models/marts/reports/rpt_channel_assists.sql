{# grain: one row per channel x conversion_type, over conversions with a
   non-empty path #}
with

conversions as (
    select * from {{ ref('fct_conversions') }}
),

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

assisted_conversions as (
    select * from {{ ref('fct_assisted_conversions') }}
),

path_ends as (
    select distinct
        conversion_id,
        conversion_type,
        channel,
        touch_position = 1 as is_first_touch,
        touch_position = path_length as is_last_touch
    from credits
    where
        touch_id is not null
        and (touch_position = 1 or touch_position = path_length)
),

channel_conversions as (
    select
        assisted_conversions.conversion_id,
        assisted_conversions.conversion_type,
        assisted_conversions.channel,
        1 as is_assisted,
        case when assisted_conversions.is_click_assisted then 1 else 0 end
            as is_click_assisted,
        case when assisted_conversions.assist_touch_count > 1 then 1 else 0 end
            as is_multi_touch_assisted,
        0 as is_last_touch,
        0 as is_first_touch
    from assisted_conversions
    union all
    select
        conversion_id,
        conversion_type,
        channel,
        0 as is_assisted,
        0 as is_click_assisted,
        0 as is_multi_touch_assisted,
        case when is_last_touch then 1 else 0 end as is_last_touch,
        case when is_first_touch then 1 else 0 end as is_first_touch
    from path_ends
),

channel_conversions_valued as (
    select
        channel_conversions.*,
        coalesce(conversions.revenue, 0) as revenue
    from channel_conversions
    left join conversions
        on channel_conversions.conversion_id = conversions.conversion_id
),

channel_totals as (
    select
        channel,
        conversion_type,
        sum(is_assisted) as assisted_conversions,
        sum(is_assisted * revenue) as assisted_value,
        sum(is_last_touch) as last_touch_conversions,
        sum(is_last_touch * revenue) as last_touch_value,
        sum(is_first_touch) as first_touch_conversions,
        sum(is_first_touch * revenue) as first_touch_value,
        sum(is_click_assisted) as click_assisted_conversions,
        sum(is_assisted - is_click_assisted) as impression_assisted_conversions,
        sum(is_multi_touch_assisted) as multi_touch_assisted_conversions
    from channel_conversions_valued
    group by channel, conversion_type
),

conversions_with_path as (
    select
        conversion_type,
        count(*) as conversions_with_path
    from conversions
    where eligible_touch_count > 0
    group by conversion_type
),

channel_ratios as (
    select
        *,
        case
            when last_touch_conversions > 0
                then
                    cast(assisted_conversions as double)
                    / last_touch_conversions
        end as assist_ratio
    from channel_totals
),

final as (
    select
        channel_ratios.channel,
        channel_ratios.conversion_type,
        channel_ratios.assisted_conversions,
        channel_ratios.assisted_value,
        channel_ratios.last_touch_conversions,
        channel_ratios.last_touch_value,
        channel_ratios.first_touch_conversions,
        channel_ratios.first_touch_value,
        channel_ratios.assist_ratio,
        channel_ratios.click_assisted_conversions,
        channel_ratios.impression_assisted_conversions,
        channel_ratios.multi_touch_assisted_conversions,
        coalesce(conversions_with_path.conversions_with_path, 0)
            as conversions_with_path,
        cast(channel_ratios.assisted_conversions as double)
        / nullif(conversions_with_path.conversions_with_path, 0)
            as assisted_share
    from channel_ratios
    left join conversions_with_path
        on
            channel_ratios.conversion_type
            = conversions_with_path.conversion_type
)

select * from final
