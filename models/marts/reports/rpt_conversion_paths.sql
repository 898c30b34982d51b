{# grain: one row per conversion_type x path (conversions with a non-empty
   path) #}
with

conversions as (
    select * from {{ ref('fct_conversions') }}
),

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

path_touches as (
    select distinct
        conversion_id,
        conversion_type,
        touch_id,
        touch_position,
        path_length,
        channel,
        touch_at
    from credits
    where touch_id is not null
),

path_touches_marked as (
    select
        *,
        lag(channel) over (
            partition by conversion_id
            order by touch_position
        ) as previous_channel
    from path_touches
),

path_steps as (
    select
        conversion_id,
        {{ assist.ordered_string_agg('channel', 'touch_position', ' > ') }}
            as path, -- noqa: RF04
        count(*) as path_steps
    from path_touches_marked
    where previous_channel is null or previous_channel <> channel
    group by conversion_id
),

path_spans as (
    select
        conversion_id,
        conversion_type,
        max(path_length) as path_length,
        min(touch_at) as first_touch_at
    from path_touches
    group by conversion_id, conversion_type
),

conversion_paths as (
    select
        path_spans.conversion_id,
        path_spans.conversion_type,
        path_steps.path,
        path_steps.path_steps,
        path_spans.path_length,
        coalesce(conversions.revenue, 0) as revenue,
        {{ assist.seconds_between(
            'path_spans.first_touch_at', 'conversions.converted_at'
        ) }} / 86400 as days_to_convert
    from path_spans
    inner join path_steps
        on path_spans.conversion_id = path_steps.conversion_id
    left join conversions
        on path_spans.conversion_id = conversions.conversion_id
),

path_totals as (
    select
        conversion_type,
        path,
        max(path_steps) as path_steps,
        count(*) as conversions,
        sum(revenue) as revenue,
        avg(cast(path_length as double)) as avg_path_length,
        avg(days_to_convert) as avg_days_to_convert
    from conversion_paths
    group by conversion_type, path
),

final as (
    select
        conversion_type,
        path,
        conversions,
        revenue,
        avg_path_length,
        avg_days_to_convert,
        path_steps,
        cast(conversions as double) / sum(conversions) over (
            partition by conversion_type
        ) as share_of_conversions,
        row_number() over (
            partition by conversion_type
            order by conversions desc, revenue desc, path asc
        ) as path_rank
    from path_totals
)

select * from final
