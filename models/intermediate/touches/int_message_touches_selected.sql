{# grain: one row per message touch: per person and message_id the strongest
   interaction, plus every interaction without message_id;
   touch_id = 'message:' || event_id #}
{{ config(**assist.person_scoped_config()) }}
with

message_events as (
    select * from {{ ref('int_message_events_stitched') }}
    where {{ assist.changed_persons_filter() }}
),

interactions as (
    select
        *,
        case
            when event_type in ('open', 'click') then 'click'
            when event_type in ('delivery', 'impression') then 'impression'
        end as interaction_type
    from message_events
    where event_type in ('open', 'click', 'delivery', 'impression')
),

ranked_interactions as (
    select
        *,
        case
            when message_id is null then 1
            else row_number() over (
                    partition by person_id, message_id
                    order by
                        case when interaction_type = 'click' then 0 else 1 end,
                        event_at,
                        event_id
                )
        end as interaction_rank
    from interactions
),

strongest_interactions as (
    select * from ranked_interactions
    where interaction_rank = 1
),

final as (
    select
        {{ dbt.concat(["'message:'", 'event_id']) }} as touch_id,
        person_id,
        event_at as touch_at,
        channel,
        'message' as touch_platform,
        interaction_type,
        campaign_id,
        message_id,
        event_id as source_event_id,
        event_type as message_event_type,
        device_id,
        anonymous_id,
        user_id,
        email_hash,
        platform
    from strongest_interactions
)

select * from final
