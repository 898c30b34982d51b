{# grain: one row per campaign_id #}
with

campaigns as (
    select * from {{ ref('stg_raw__campaigns') }}
),

final as (
    select
        campaign_id,
        campaign_name,
        channel,
        started_at,
        coalesce(purchase_conversion_tracking, true)
            as has_purchase_conversion_tracking
    from campaigns
)

select * from final
