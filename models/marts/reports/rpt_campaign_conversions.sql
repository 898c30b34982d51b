{# grain: one row per campaign_id x conversion_type (purchase or a custom
   event name), only non-zero rows #}
with

credits as (
    select * from {{ ref('int_campaign_conversions_credited') }}
),

campaigns as (
    select * from {{ ref('int_campaigns_configured') }}
),

campaign_totals as (
    select
        campaign_id,
        conversion_type,
        max(conversion_kind) as conversion_kind,
        count(*) as conversions,
        sum(revenue) as revenue,
        count(distinct person_id) as converting_persons,
        min(converted_at) as first_converted_at,
        max(converted_at) as last_converted_at
    from credits
    group by campaign_id, conversion_type
),

final as (
    select
        campaign_totals.campaign_id,
        campaign_totals.conversion_type,
        campaign_totals.conversion_kind,
        campaigns.campaign_name,
        campaigns.channel as campaign_channel,
        campaign_totals.conversions,
        campaign_totals.revenue,
        campaign_totals.converting_persons,
        campaign_totals.first_converted_at,
        campaign_totals.last_converted_at,
        coalesce(campaigns.has_purchase_conversion_tracking, true)
            as has_purchase_conversion_tracking,
        campaigns.campaign_id is not null as is_known_campaign
    from campaign_totals
    left join campaigns
        on campaign_totals.campaign_id = campaigns.campaign_id
)

select * from final
