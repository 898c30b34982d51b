{# grain: one row per source_platform x utm_source x utm_medium x utm_campaign
   x referrer_host (nulls equal; join with `is not distinct from`) #}
with

app_events as (
    select * from {{ ref('stg_raw__app_events') }}
),

web_events as (
    select * from {{ ref('stg_raw__web_events') }}
),

channel_rules as (
    select * from {{ ref('stg_config__channel_rules') }}
),

source_categories as (
    select * from {{ ref('stg_config__source_categories') }}
),

app_traffic as (
    select distinct
        'app' as source_platform,
        campaign_source as utm_source,
        campaign_medium as utm_medium,
        campaign_name as utm_campaign,
        cast(null as {{ dbt.type_string() }}) as referrer_host
    from app_events
),

web_traffic as (
    select distinct
        'web' as source_platform,
        utm_source,
        utm_medium,
        utm_campaign,
        {{ url_host('referrer_url') }} as referrer_host
    from web_events
),

traffic as (
    select * from app_traffic
    union all
    select * from web_traffic
),

self_referrals_flagged as (
    select
        *,
        coalesce(
            referrer_host is not null
            and {{ host_on_domains('referrer_host', var('own_domains')) }},
            false
        ) as is_self_referral
    from traffic
),

traffic_derived as (
    select
        *,
        utm_campaign as traffic_campaign,
        case
            when
                utm_source is not null
                or utm_medium is not null
                or utm_campaign is not null
                then coalesce(utm_source, '(not set)')
            when referrer_host is not null and not is_self_referral
                then referrer_host
            else '(direct)'
        end as traffic_source,
        case
            when
                utm_source is not null
                or utm_medium is not null
                or utm_campaign is not null
                then coalesce(utm_medium, '(not set)')
            when referrer_host is not null and not is_self_referral
                then 'referral'
            else '(none)'
        end as traffic_medium
    from self_referrals_flagged
),

classified as (
    {{ classify_traffic(
        'traffic_derived', 'channel_rules', 'source_categories'
    ) }}
),

final as (
    select
        source_platform,
        utm_source,
        utm_medium,
        utm_campaign,
        referrer_host,
        is_self_referral,
        traffic_source,
        traffic_medium,
        traffic_campaign,
        source_category,
        channel,
        channel_rule_order
    from classified
)

select * from final
