{# grain: one row per conversion_type x days_to_convert (whole days from the
   first path touch; conversions with a non-empty path) #}
with

conversions as (
    select * from {{ ref('fct_conversions') }}
),

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

first_touches as (
    select
        conversion_id,
        min(touch_at) as first_touch_at
    from credits
    where touch_id is not null
    group by conversion_id
),

conversion_lags as (
    select
        conversions.conversion_type,
        coalesce(conversions.revenue, 0) as revenue,
        cast(floor(
            {{ assist.seconds_between(
                'first_touches.first_touch_at', 'conversions.converted_at'
            ) }} / 86400
        ) as integer) as days_to_convert
    from conversions
    inner join first_touches
        on conversions.conversion_id = first_touches.conversion_id
),

lag_totals as (
    select
        conversion_type,
        days_to_convert,
        count(*) as conversions,
        sum(revenue) as revenue
    from conversion_lags
    group by conversion_type, days_to_convert
),

final as (
    select
        conversion_type,
        days_to_convert,
        conversions,
        revenue,
        cast(conversions as double) / sum(conversions) over (
            partition by conversion_type
        ) as share_of_conversions
    from lag_totals
)

select * from final
