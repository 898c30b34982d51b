{# grain: one row per app or web session (touch_id), with whether it is a
   touch of its own or continues a message (CONTRACT 3) #}
{{ config(**assist.person_scoped_config()) }}
{%- set click_window_seconds = var('click_session_minutes') * 60 %}
with

app_sessions as (
    select * from {{ ref('int_app_sessions_sessionized') }}
    where {{ assist.changed_persons_filter() }}
),

web_sessions as (
    select * from {{ ref('int_web_sessions_sessionized') }}
    where {{ assist.changed_persons_filter() }}
),

message_touches as (
    select * from {{ ref('int_message_touches_selected') }}
    where {{ assist.changed_persons_filter() }}
),

sessions as (
    select
        touch_id,
        person_id,
        session_started_at,
        channel,
        'app' as touch_platform,
        first_event_id,
        session_id,
        device_id,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        traffic_source,
        traffic_medium,
        traffic_campaign,
        has_push_message_id,
        push_message_id,
        has_assist_event
    from app_sessions
    union all
    select
        touch_id,
        person_id,
        session_started_at,
        channel,
        'web' as touch_platform,
        first_event_id,
        session_id,
        cast(null as {{ dbt.type_string() }}) as device_id,
        anonymous_id,
        traffic_source,
        traffic_medium,
        traffic_campaign,
        false as has_push_message_id,
        cast(null as {{ dbt.type_string() }}) as push_message_id,
        true as has_assist_event
    from web_sessions
),

message_clicks as (
    select
        touch_id,
        person_id,
        touch_at,
        channel
    from message_touches
    where interaction_type = 'click'
),

click_continuations as (
    select
        sessions.touch_id,
        message_clicks.touch_id as continued_touch_id,
        row_number() over (
            partition by sessions.touch_id
            order by message_clicks.touch_at desc, message_clicks.touch_id asc
        ) as click_rank
    from sessions
    inner join message_clicks
        on sessions.person_id = message_clicks.person_id
            and sessions.session_started_at >= message_clicks.touch_at
            and {{ assist.epoch_seconds('sessions.session_started_at') }}
            - {{ assist.epoch_seconds('message_clicks.touch_at') }}
            <= {{ click_window_seconds }}
            and (
                sessions.channel = message_clicks.channel
                or sessions.channel = 'direct'
            )
),

latest_click_continuations as (
    select * from click_continuations
    where click_rank = 1
),

push_open_continuations as (
    select
        sessions.touch_id,
        message_touches.touch_id as continued_touch_id,
        row_number() over (
            partition by sessions.touch_id
            order by message_touches.touch_id
        ) as message_rank
    from sessions
    inner join message_touches
        on sessions.person_id = message_touches.person_id
            and sessions.push_message_id = message_touches.message_id
),

first_push_open_continuations as (
    select * from push_open_continuations
    where message_rank = 1
),

continuations as (
    select
        sessions.*,
        case
            when sessions.has_push_message_id then 'push_message_id'
            when latest_click_continuations.touch_id is not null
                then 'message_click'
        end as continuation_reason,
        case
            when sessions.has_push_message_id
                then first_push_open_continuations.continued_touch_id
            else latest_click_continuations.continued_touch_id
        end as continued_touch_id
    from sessions
    left join latest_click_continuations
        on sessions.touch_id = latest_click_continuations.touch_id
    left join first_push_open_continuations
        on sessions.touch_id = first_push_open_continuations.touch_id
),

final as (
    select
        touch_id,
        person_id,
        session_started_at,
        channel,
        touch_platform,
        first_event_id,
        session_id,
        device_id,
        anonymous_id,
        traffic_source,
        traffic_medium,
        traffic_campaign,
        has_push_message_id,
        push_message_id,
        has_assist_event,
        continuation_reason,
        continued_touch_id,
        has_assist_event and continuation_reason is null as is_touch
    from continuations
)

select * from final
