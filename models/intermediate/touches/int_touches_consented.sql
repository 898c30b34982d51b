{# grain: one row per touch (touch_id) of a consented person #}
{{ config(**assist.person_scoped_config()) }}
with

touches as (
    select * from {{ ref('int_touches_stitched') }}
    where {{ assist.changed_persons_filter() }}
),

final as (
    select
        touch_id,
        person_id,
        touch_at,
        touch_date,
        channel,
        touch_platform,
        interaction_type,
        campaign_id,
        message_id,
        source_event_id,
        session_id,
        device_id,
        anonymous_id,
        traffic_source,
        traffic_medium,
        traffic_campaign,
        touch_sequence
    from touches
    where is_consented
)

select * from final
