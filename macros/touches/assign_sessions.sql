{% macro assign_sessions(events, inactivity_key) -%}
    {#- A select of every column of `events` (person_id, event_id, event_at,
        session_id, `inactivity_key` and others) plus
        session_first_event_id, the event_id of the first event (by
        event_at, then event_id) of the event's session (CONTRACT 3):
        - events with a session_id: one session per (person_id, session_id);
        - events without: per (person_id, `inactivity_key`) in time order, a
          new session starts after more than `session_timeout_minutes` of
          inactivity (a gap of exactly the timeout continues the session).
        Window functions only (lag, running sum, first_value): no recursion.
        Event ids are unique, so session_first_event_id identifies the
        session. -#}
    {%- set timeout_seconds = var('session_timeout_minutes') * 60 -%}
    select
        numbered.*,
        first_value(numbered.event_id) over (
            partition by
                numbered.person_id,
                numbered.session_id,
                numbered.inactivity_partition,
                numbered.inactivity_session_number
            order by numbered.event_at, numbered.event_id
        ) as session_first_event_id
    from (
        select
            gaps.*,
            case
                when gaps.session_id is null
                    then sum(
                        case
                            when
                                gaps.seconds_since_previous is null
                                or gaps.seconds_since_previous
                                > {{ timeout_seconds }}
                                then 1
                            else 0
                        end
                    ) over (
                        partition by
                            gaps.person_id,
                            gaps.session_id,
                            gaps.inactivity_partition
                        order by gaps.event_at, gaps.event_id
                        rows between unbounded preceding and current row
                    )
            end as inactivity_session_number
        from (
            select
                {{ events }}.*,
                case
                    when {{ events }}.session_id is null
                        then {{ events }}.{{ inactivity_key }}
                end as inactivity_partition,
                {{ assist.epoch_seconds(events ~ '.event_at') }}
                - lag({{ assist.epoch_seconds(events ~ '.event_at') }}) over (
                    partition by
                        {{ events }}.person_id,
                        {{ events }}.session_id,
                        case
                            when {{ events }}.session_id is null
                                then {{ events }}.{{ inactivity_key }}
                        end
                    order by {{ events }}.event_at, {{ events }}.event_id
                ) as seconds_since_previous
            from {{ events }}
        ) as gaps
    ) as numbered
{%- endmacro %}
