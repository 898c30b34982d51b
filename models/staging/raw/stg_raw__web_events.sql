{# grain: one row per staged web_events row #}
with

validated as (
    select * from {{ ref('base_raw__web_events') }}
),

final as (
    select
        event_id,
        event_at,
        event_name,
        anonymous_id,
        user_id,
        session_id,
        page_url,
        referrer_url,
        utm_source,
        utm_medium,
        utm_campaign,
        click_id,
        order_id,
        revenue,
        currency,
        loaded_at
    from validated
    where row_status = 'staged'
)

select * from final
