{# grain: one row per staged orders row #}
with

validated as (
    select * from {{ ref('base_raw__orders') }}
),

final as (
    select
        order_id,
        ordered_at,
        user_id,
        email_hash,
        device_id,
        anonymous_id,
        sales_channel,
        revenue,
        currency,
        status,
        loaded_at
    from validated
    where row_status = 'staged'
)

select * from final
