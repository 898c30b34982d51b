{# grain: one row per model x channel x conversion_type #}
with

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

model_totals as (
    select
        model,
        channel,
        conversion_type,
        sum(credit) as credited_conversions,
        sum(credited_revenue) as credited_revenue,
        sum(case when credit > 0 then 1 else 0 end) as credited_touches
    from credits
    group by model, channel, conversion_type
),

shares as (
    select
        *,
        credited_conversions / nullif(sum(credited_conversions) over (
            partition by model, conversion_type
        ), 0) as share_of_conversions
    from model_totals
),

last_touch_baseline as (
    select
        channel,
        conversion_type,
        credited_conversions as last_touch_conversions
    from model_totals
    where model = 'last_touch'
),

final as (
    select
        shares.model,
        shares.channel,
        shares.conversion_type,
        shares.credited_conversions,
        shares.credited_revenue,
        shares.share_of_conversions,
        shares.credited_touches,
        last_touch_baseline.last_touch_conversions,
        case
            when last_touch_baseline.last_touch_conversions > 0
                then
                    shares.credited_conversions
                    / last_touch_baseline.last_touch_conversions
                    - 1
        end as change_vs_last_touch
    from shares
    left join last_touch_baseline
        on
            shares.channel = last_touch_baseline.channel
            and shares.conversion_type = last_touch_baseline.conversion_type
)

select * from final
