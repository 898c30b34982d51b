{# grain: one row per app session (person_id x session_id, or person_id x
   device_id x run of events without session_id and without 30 minutes of
   inactivity); touch_id = 'app:' || the session's first event_id #}
{{ config(**assist.person_scoped_config()) }}
{%- set assist_events = var('app_assist_events') -%}
{%- if assist_events is string -%}
    {%- set assist_events = [assist_events] -%}
{%- endif %}
with

app_events as (
    select * from {{ ref('int_app_events_stitched') }}
    where {{ assist.changed_persons_filter() }}
),

traffic_sources as (
    select * from {{ ref('int_traffic_sources_classified') }}
),

sessioned_events as (
    {{ assist.assign_sessions('app_events', 'device_id') }}
),

session_stats as (
    select
        session_first_event_id,
        min(event_at) as session_started_at,
        max(event_at) as session_ended_at,
        count(*) as event_count,
        max(
            case when push_message_id is not null then 1 else 0 end
        ) = 1 as has_push_message_id,
        {% if assist_events | length > 0 -%}
        max(
            case
                when event_name in (
                    {%- for name in assist_events %}
                    '{{ name | replace("'", "''") }}'
                    {{- ',' if not loop.last }}
                    {%- endfor %}
                )
                    then 1
                else 0
            end
        ) = 1
        {%- else -%}
        true
        {%- endif %} as has_assist_event
    from sessioned_events
    group by session_first_event_id
),

push_opens as (
    select
        session_first_event_id,
        push_message_id,
        row_number() over (
            partition by session_first_event_id
            order by event_at, event_id
        ) as push_rank
    from sessioned_events
    where push_message_id is not null
),

first_push_opens as (
    select * from push_opens
    where push_rank = 1
),

first_events as (
    select * from sessioned_events
    where event_id = session_first_event_id
),

final as (
    select
        {{ dbt.concat(["'app:'", 'first_events.event_id']) }} as touch_id,
        first_events.person_id,
        session_stats.session_started_at,
        session_stats.session_ended_at,
        first_events.event_id as first_event_id,
        first_events.event_name as first_event_name,
        session_stats.event_count,
        first_events.session_id,
        first_events.device_id,
        first_events.user_id,
        first_events.platform,
        first_events.campaign_source,
        first_events.campaign_medium,
        first_events.campaign_name,
        traffic_sources.traffic_source,
        traffic_sources.traffic_medium,
        traffic_sources.traffic_campaign,
        coalesce(traffic_sources.channel, 'unassigned') as channel,
        session_stats.has_push_message_id,
        first_push_opens.push_message_id,
        session_stats.has_assist_event
    from first_events
    inner join session_stats
        on first_events.event_id = session_stats.session_first_event_id
    left join first_push_opens
        on first_events.event_id = first_push_opens.session_first_event_id
    left join traffic_sources
        on traffic_sources.source_platform = 'app'
            and first_events.campaign_source
            is not distinct from traffic_sources.utm_source
            and first_events.campaign_medium
            is not distinct from traffic_sources.utm_medium
            and first_events.campaign_name
            is not distinct from traffic_sources.utm_campaign
            and traffic_sources.referrer_host is null
)

select * from final
