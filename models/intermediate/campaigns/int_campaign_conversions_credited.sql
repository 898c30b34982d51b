{# grain: one row per credited conversion x campaign: a purchase conversion
   with its one campaign (conversion_id), or a custom conversion event with
   each campaign that lists it (conversion_id x campaign_id) #}
{%- set default_period_days = 7 %}{# CONTRACT 8: no history row applies #}
with

conversions as (
    select * from {{ ref('int_conversions_deduplicated') }}
),

touchpoints as (
    select * from {{ ref('int_touches_consented') }}
),

campaigns as (
    select * from {{ ref('int_campaigns_configured') }}
),

campaign_conversion_events as (
    select * from {{ ref('int_campaign_conversion_events_listed') }}
),

app_events as (
    select * from {{ ref('int_app_events_stitched') }}
),

web_events as (
    select * from {{ ref('int_web_events_stitched') }}
),

fx_rates as (
    select * from {{ ref('stg_raw__fx_rates') }}
),

period_history as (
    select * from {{ ref('stg_config__conversion_period_history') }}
),

campaign_clicks as (
    select
        touch_id,
        person_id,
        touch_at,
        campaign_id
    from touchpoints
    where
        touch_platform = 'message'
        and interaction_type = 'click'
        and campaign_id is not null
),

purchase_conversions as (
    select
        'purchase' as conversion_kind,
        conversion_id,
        cast(null as {{ dbt.type_string() }}) as event_name,
        person_id,
        converted_at,
        coalesce(revenue, 0) as revenue
    from conversions
    where conversion_type = 'purchase'
),

custom_event_names as (
    select distinct event_name
    from campaign_conversion_events
),

raw_custom_events as (
    select
        {{ dbt.concat(["'app_event:'", 'app_events.event_id']) }}
            as conversion_id,
        app_events.event_name,
        app_events.person_id,
        app_events.event_at as converted_at,
        app_events.revenue,
        app_events.currency
    from app_events
    inner join custom_event_names
        on app_events.event_name = custom_event_names.event_name
    union all
    select
        {{ dbt.concat(["'web_event:'", 'web_events.event_id']) }}
            as conversion_id,
        web_events.event_name,
        web_events.person_id,
        web_events.event_at as converted_at,
        web_events.revenue,
        web_events.currency
    from web_events
    inner join custom_event_names
        on web_events.event_name = custom_event_names.event_name
),

custom_events_in_currency as (
    select
        *,
        coalesce(currency, '{{ var("reporting_currency") | upper }}')
            as original_currency,
        cast(converted_at as date) as converted_date
    from raw_custom_events
),

rate_lookups as (
    select distinct
        original_currency as currency,
        converted_date
    from custom_events_in_currency
    where original_currency <> '{{ var("reporting_currency") | upper }}'
),

rates_chosen as (
    {{ assist.fx_rates_chosen('rate_lookups', 'fx_rates', 'converted_date') }}
),

custom_conversions as (
    select
        'custom' as conversion_kind,
        events.conversion_id,
        events.event_name,
        events.person_id,
        events.converted_at,
        cast(coalesce(events.revenue, 0) as double)
        * case
            when
                events.original_currency
                = '{{ var("reporting_currency") | upper }}'
                then cast(1 as double)
            else cast(rates_chosen.rate_to_reporting as double)
        end as revenue
    from custom_events_in_currency as events
    left join rates_chosen
        on
            events.original_currency = rates_chosen.currency
            and events.converted_date = rates_chosen.converted_date
),

tracked_conversions as (
    select * from purchase_conversions
    union all
    select * from custom_conversions
),

period_starts_chosen as (
    select
        tracked_conversions.conversion_id,
        max(period_history.valid_from) as period_valid_from
    from tracked_conversions
    inner join period_history
        on
            cast(tracked_conversions.converted_at as date)
            >= period_history.valid_from
    group by tracked_conversions.conversion_id
),

conversions_with_period as (
    select
        tracked_conversions.*,
        period_starts_chosen.period_valid_from,
        coalesce(
            period_history.conversion_period_days, {{ default_period_days }}
        ) as conversion_period_days
    from tracked_conversions
    left join period_starts_chosen
        on
            tracked_conversions.conversion_id
            = period_starts_chosen.conversion_id
    left join period_history
        on period_starts_chosen.period_valid_from = period_history.valid_from
),

clicks_in_period as (
    select
        conversions_with_period.*,
        campaign_clicks.campaign_id,
        campaign_clicks.touch_id,
        campaign_clicks.touch_at
    from conversions_with_period
    inner join campaign_clicks
        on
            conversions_with_period.person_id = campaign_clicks.person_id
            and conversions_with_period.converted_at >= campaign_clicks.touch_at
    where
        {{ assist.seconds_between(
            'campaign_clicks.touch_at', 'conversions_with_period.converted_at'
        ) }} <= conversions_with_period.conversion_period_days * 86400
),

purchase_clicks_ranked as (
    select
        clicks_in_period.*,
        row_number() over (
            partition by clicks_in_period.conversion_id
            order by
                clicks_in_period.touch_at desc,
                clicks_in_period.touch_id desc
        ) as click_rank
    from clicks_in_period
    left join campaigns
        on clicks_in_period.campaign_id = campaigns.campaign_id
    where
        clicks_in_period.conversion_kind = 'purchase'
        and coalesce(campaigns.has_purchase_conversion_tracking, true)
),

purchase_credits as (
    select
        conversion_kind,
        conversion_id,
        campaign_id,
        'purchase' as conversion_type,
        person_id,
        converted_at,
        revenue,
        conversion_period_days,
        period_valid_from,
        touch_id as last_click_touch_id,
        touch_at as last_clicked_at
    from purchase_clicks_ranked
    where click_rank = 1
),

custom_clicks_ranked as (
    select
        clicks_in_period.*,
        row_number() over (
            partition by
                clicks_in_period.conversion_id,
                clicks_in_period.campaign_id
            order by
                clicks_in_period.touch_at desc,
                clicks_in_period.touch_id desc
        ) as click_rank
    from clicks_in_period
    inner join campaign_conversion_events
        on
            clicks_in_period.campaign_id
            = campaign_conversion_events.campaign_id
            and clicks_in_period.event_name
            = campaign_conversion_events.event_name
    where clicks_in_period.conversion_kind = 'custom'
),

custom_credits as (
    select
        conversion_kind,
        conversion_id,
        campaign_id,
        event_name as conversion_type,
        person_id,
        converted_at,
        revenue,
        conversion_period_days,
        period_valid_from,
        touch_id as last_click_touch_id,
        touch_at as last_clicked_at
    from custom_clicks_ranked
    where click_rank = 1
),

final as (
    select * from purchase_credits
    union all
    select * from custom_credits
)

select * from final
