{# grain: one row per valid_from x conversion_type #}
with

seed_rows as (
    select * from {{ ref('lookback_window_history') }}
),

typed as (
    {{ config_seed_rows('lookback_window_history', 'seed_rows', {
        'valid_from': 'date',
        'conversion_type': dbt.type_string(),
        'click_lookback_days': dbt.type_int(),
        'impression_lookback_days': dbt.type_int(),
    }) }}
),

final as (
    select
        valid_from,
        click_lookback_days,
        impression_lookback_days,
        trim(conversion_type) as conversion_type
    from typed
)

select * from final
