{# grain: one row per valid_from #}
with

seed_rows as (
    select * from {{ ref('conversion_period_history') }}
),

final as (
    {{ config_seed_rows('conversion_period_history', 'seed_rows', {
        'valid_from': 'date',
        'conversion_period_days': dbt.type_int(),
    }) }}
)

select * from final
