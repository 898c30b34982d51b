{# grain: one row per push campaign (campaign_id of any app_push or web_push
   message event) #}
with

message_events as (
    select * from {{ ref('int_message_events_stitched') }}
),

conversions as (
    select * from {{ ref('fct_conversions') }}
),

credits as (
    select * from {{ ref('fct_attribution_credits') }}
),

campaigns as (
    select * from {{ ref('int_campaigns_configured') }}
),

campaign_costs as (
    select * from {{ ref('int_campaign_costs_converted') }}
),

push_events as (
    select
        campaign_id,
        channel,
        event_type
    from message_events
    where
        channel in ('app_push', 'web_push')
        and campaign_id is not null
),

funnels as (
    select
        campaign_id,
        case
            when count(distinct channel) = 1 then min(channel)
        end as channel,
        sum(case when event_type = 'send' then 1 else 0 end) as sends,
        sum(case when event_type = 'delivery' then 1 else 0 end) as deliveries,
        sum(case when event_type = 'open' then 1 else 0 end) as opens,
        sum(case when event_type = 'click' then 1 else 0 end) as clicks,
        sum(case when event_type = 'opt_out' then 1 else 0 end) as opt_outs,
        sum(case when event_type = 'bounce' then 1 else 0 end) as bounces,
        sum(case when event_type = 'dismiss' then 1 else 0 end) as dismisses
    from push_events
    group by campaign_id
),

campaign_touches as (
    select distinct
        conversion_id,
        campaign_id,
        case when touch_position = path_length then 1 else 0 end
            as is_last_touch,
        case when touch_position < path_length then 1 else 0 end
            as is_assist
    from credits
    where
        touch_id is not null
        and campaign_id is not null
        and channel in ('app_push', 'web_push')
),

campaign_conversions as (
    select
        campaign_touches.conversion_id,
        campaign_touches.campaign_id,
        max(campaign_touches.is_last_touch) as is_last_touch,
        max(campaign_touches.is_assist) as is_assist,
        max(coalesce(conversions.revenue, 0)) as revenue
    from campaign_touches
    left join conversions
        on campaign_touches.conversion_id = conversions.conversion_id
    group by campaign_touches.conversion_id, campaign_touches.campaign_id
),

conversion_totals as (
    select
        campaign_id,
        sum(is_last_touch) as last_touch_conversions,
        sum(is_last_touch * revenue) as last_touch_revenue,
        sum(is_assist) as assisted_conversions,
        sum(is_assist * revenue) as assisted_revenue
    from campaign_conversions
    group by campaign_id
),

campaign_performance as (
    select
        funnels.*,
        campaigns.campaign_name,
        campaign_costs.cost,
        coalesce(conversion_totals.last_touch_conversions, 0)
            as last_touch_conversions,
        coalesce(conversion_totals.last_touch_revenue, 0)
            as last_touch_revenue,
        coalesce(conversion_totals.assisted_conversions, 0)
            as assisted_conversions,
        coalesce(conversion_totals.assisted_revenue, 0) as assisted_revenue
    from funnels
    left join conversion_totals
        on funnels.campaign_id = conversion_totals.campaign_id
    left join campaign_costs
        on funnels.campaign_id = campaign_costs.campaign_id
    left join campaigns
        on funnels.campaign_id = campaigns.campaign_id
),

final as (
    select
        campaign_id,
        campaign_name,
        channel,
        sends,
        deliveries,
        opens,
        clicks,
        opt_outs,
        bounces,
        dismisses,
        last_touch_conversions,
        last_touch_revenue,
        assisted_conversions,
        assisted_revenue,
        cost,
        case
            when sends > 0 then cast(deliveries as double) / sends
        end as delivery_rate,
        case
            when deliveries > 0 then cast(opens as double) / deliveries
        end as open_rate,
        case
            when deliveries > 0 then cast(clicks as double) / deliveries
        end as click_rate,
        case
            when deliveries > 0 then cast(opt_outs as double) / deliveries
        end as opt_out_rate,
        case
            when sends > 0 then last_touch_revenue / sends
        end as revenue_per_send,
        case
            when sends > 0 then cost / sends
        end as cost_per_send,
        case
            when cost > 0 then last_touch_revenue / cost
        end as last_touch_return_on_cost
    from campaign_performance
)

select * from final
