{# grain: one row per touch (touch_id) of every person, consented or not #}
{{ config(**assist.person_scoped_config()) }}
with

message_touches as (
    select * from {{ ref('int_message_touches_selected') }}
    where {{ assist.changed_persons_filter() }}
),

sessions as (
    select * from {{ ref('int_sessions_qualified') }}
    where {{ assist.changed_persons_filter() }}
),

person_consents as (
    select * from {{ ref('int_person_consents') }}
    where {{ assist.changed_persons_filter() }}
),

touches as (
    select
        touch_id,
        person_id,
        touch_at,
        channel,
        touch_platform,
        interaction_type,
        campaign_id,
        message_id,
        source_event_id,
        cast(null as {{ dbt.type_string() }}) as session_id,
        device_id,
        anonymous_id,
        cast(null as {{ dbt.type_string() }}) as traffic_source,
        cast(null as {{ dbt.type_string() }}) as traffic_medium,
        cast(null as {{ dbt.type_string() }}) as traffic_campaign
    from message_touches
    union all
    select
        touch_id,
        person_id,
        session_started_at as touch_at,
        channel,
        touch_platform,
        'click' as interaction_type,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        cast(null as {{ dbt.type_string() }}) as message_id,
        first_event_id as source_event_id,
        session_id,
        device_id,
        anonymous_id,
        traffic_source,
        traffic_medium,
        traffic_campaign
    from sessions
    where is_touch
),

final as (
    select
        touches.touch_id,
        touches.person_id,
        touches.touch_at,
        cast(touches.touch_at as date) as touch_date,
        touches.channel,
        touches.touch_platform,
        touches.interaction_type,
        touches.campaign_id,
        touches.message_id,
        touches.source_event_id,
        touches.session_id,
        touches.device_id,
        touches.anonymous_id,
        touches.traffic_source,
        touches.traffic_medium,
        touches.traffic_campaign,
        row_number() over (
            partition by touches.person_id
            order by
                touches.touch_at,
                case when touches.interaction_type = 'click' then 0 else 1 end,
                touches.touch_id
        ) as touch_sequence,
        coalesce(person_consents.is_consented, true) as is_consented
    from touches
    left join person_consents
        on touches.person_id = person_consents.person_id
)

select * from final
