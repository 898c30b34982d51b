{# grain: one row per web session (person_id x session_id, or person_id x
   anonymous_id x run of events without session_id and without 30 minutes
   of inactivity); touch_id = 'web:' || the session's first event_id #}
{{ config(**assist.person_scoped_config()) }}
with

web_events as (
    select * from {{ ref('int_web_events_stitched') }}
    where {{ assist.changed_persons_filter() }}
),

traffic_sources as (
    select * from {{ ref('int_traffic_sources_classified') }}
),

sessioned_events as (
    {{ assist.assign_sessions('web_events', 'anonymous_id') }}
),

session_stats as (
    select
        session_first_event_id,
        min(event_at) as session_started_at,
        max(event_at) as session_ended_at,
        count(*) as event_count
    from sessioned_events
    group by session_first_event_id
),

first_events as (
    select
        *,
        {{ assist.url_host('referrer_url') }} as referrer_host
    from sessioned_events
    where event_id = session_first_event_id
),

final as (
    select
        {{ dbt.concat(["'web:'", 'first_events.event_id']) }} as touch_id,
        first_events.person_id,
        session_stats.session_started_at,
        session_stats.session_ended_at,
        first_events.event_id as first_event_id,
        first_events.event_name as first_event_name,
        session_stats.event_count,
        first_events.session_id,
        first_events.anonymous_id,
        first_events.user_id,
        first_events.page_url as landing_page_url,
        first_events.referrer_url,
        first_events.referrer_host,
        first_events.utm_source,
        first_events.utm_medium,
        first_events.utm_campaign,
        first_events.click_id,
        traffic_sources.traffic_source,
        traffic_sources.traffic_medium,
        traffic_sources.traffic_campaign,
        coalesce(traffic_sources.is_self_referral, false) as is_self_referral,
        coalesce(traffic_sources.channel, 'unassigned') as channel
    from first_events
    inner join session_stats
        on first_events.event_id = session_stats.session_first_event_id
    left join traffic_sources
        on traffic_sources.source_platform = 'web'
            and first_events.utm_source
            is not distinct from traffic_sources.utm_source
            and first_events.utm_medium
            is not distinct from traffic_sources.utm_medium
            and first_events.utm_campaign
            is not distinct from traffic_sources.utm_campaign
            and first_events.referrer_host
            is not distinct from traffic_sources.referrer_host
)

select * from final
