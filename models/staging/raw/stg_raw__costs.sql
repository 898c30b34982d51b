{# grain: one row per staged costs row #}
with

validated as (
    select * from {{ ref('base_raw__costs') }}
),

final as (
    select
        cost_date,
        channel,
        campaign_id,
        cost,
        currency
    from validated
    where row_status = 'staged'
)

select * from final
