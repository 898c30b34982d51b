{# grain: one row per staged app_events row #}
with

validated as (
    select * from {{ ref('base_raw__app_events') }}
),

final as (
    select
        event_id,
        event_at,
        event_name,
        device_id,
        user_id,
        session_id,
        platform,
        campaign_source,
        campaign_medium,
        campaign_name,
        push_message_id,
        order_id,
        revenue,
        currency,
        loaded_at
    from validated
    where row_status = 'staged'
)

select * from final
