{# grain: one row per staged fx_rates row #}
with

validated as (
    select * from {{ ref('base_raw__fx_rates') }}
),

final as (
    select
        rate_date,
        currency,
        rate_to_reporting
    from validated
    where row_status = 'staged'
)

select * from final
