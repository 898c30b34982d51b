{# grain: one row per staged campaigns row #}
with

validated as (
    select * from {{ ref('base_raw__campaigns') }}
),

final as (
    select
        campaign_id,
        channel,
        campaign_name,
        started_at,
        purchase_conversion_tracking,
        conversion_events
    from validated
    where row_status = 'staged'
)

select * from final
