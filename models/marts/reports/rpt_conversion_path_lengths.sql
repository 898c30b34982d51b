{# grain: one row per conversion_type x path_length (0 = no eligible
   touch) #}
with

conversions as (
    select * from {{ ref('fct_conversions') }}
),

length_totals as (
    select
        conversion_type,
        coalesce(eligible_touch_count, 0) as path_length,
        count(*) as conversions,
        sum(coalesce(revenue, 0)) as revenue
    from conversions
    group by conversion_type, coalesce(eligible_touch_count, 0)
),

final as (
    select
        conversion_type,
        path_length,
        conversions,
        revenue,
        cast(conversions as double) / sum(conversions) over (
            partition by conversion_type
        ) as share_of_conversions
    from length_totals
)

select * from final
