{# grain: one row per staged message_events row #}
with

validated as (
    select * from {{ ref('base_raw__message_events') }}
),

final as (
    select
        event_id,
        event_at,
        channel,
        event_type,
        campaign_id,
        message_id,
        device_id,
        anonymous_id,
        user_id,
        email_hash,
        platform,
        loaded_at
    from validated
    where row_status = 'staged'
)

select * from final
