{% macro assign_sessions(events, inactivity_key) -%}
    {#- A select of every column of `events` (person_id, event_id, event_at,
        session_id, `inactivity_key` and others) plus
        session_first_event_id, the event_id of the first event (by
        event_at, then event_id) of the event's session (CONTRACT 3):
        - events with a session_id: one session per (person_id, session_id);
        - events without: per (person_id, `inactivity_key`) in time order, a
          new session starts after more than `session_timeout_minutes` of
          inactivity (a gap of exactly the timeout continues the session).
        Window functions only (lag, running sum, first_value), no
        recursion; the inactivity windows run on the events without
        session_id only. Event ids are unique, so session_first_event_id
        identifies the session. -#}
    {%- set timeout_seconds = var('session_timeout_minutes') * 60 -%}
    {%- set event_epoch = assist.epoch_seconds('unsessioned.event_at') -%}
    select
        {{ events }}.*,
        case
            when {{ events }}.session_id is not null
                then first_value({{ events }}.event_id) over (
                    partition by {{ events }}.person_id, {{ events }}.session_id
                    order by {{ events }}.event_at, {{ events }}.event_id
                )
            else inactivity_sessions.session_first_event_id
        end as session_first_event_id
    from {{ events }}
    left join (
        select
            numbered.event_id,
            first_value(numbered.event_id) over (
                partition by
                    numbered.person_id,
                    numbered.inactivity_key,
                    numbered.session_number
                order by numbered.event_at, numbered.event_id
            ) as session_first_event_id
        from (
            select
                gaps.event_id,
                gaps.event_at,
                gaps.person_id,
                gaps.inactivity_key,
                sum(
                    case
                        when
                            gaps.seconds_since_previous is null
                            or gaps.seconds_since_previous > {{ timeout_seconds }}
                            then 1
                        else 0
                    end
                ) over (
                    partition by gaps.person_id, gaps.inactivity_key
                    order by gaps.event_at, gaps.event_id
                    rows between unbounded preceding and current row
                ) as session_number
            from (
                select
                    unsessioned.event_id,
                    unsessioned.event_at,
                    unsessioned.person_id,
                    unsessioned.{{ inactivity_key }} as inactivity_key,
                    {{ event_epoch }} - lag({{ event_epoch }}) over (
                        partition by
                            unsessioned.person_id,
                            unsessioned.{{ inactivity_key }}
                        order by unsessioned.event_at, unsessioned.event_id
                    ) as seconds_since_previous
                from {{ events }} as unsessioned
                where unsessioned.session_id is null
            ) as gaps
        ) as numbered
    ) as inactivity_sessions
        on {{ events }}.event_id = inactivity_sessions.event_id
{%- endmacro %}
