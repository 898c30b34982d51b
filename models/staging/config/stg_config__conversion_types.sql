{# grain: one row per event_name #}
with

seed_rows as (
    select * from {{ ref('conversion_types') }}
),

typed as (
    {{ config_seed_rows('conversion_types', 'seed_rows', {
        'conversion_type': dbt.type_string(),
        'event_name': dbt.type_string(),
        'click_lookback_days': dbt.type_int(),
        'impression_lookback_days': dbt.type_int(),
    }) }}
),

final as (
    select
        click_lookback_days,
        impression_lookback_days,
        trim(conversion_type) as conversion_type,
        trim(event_name) as event_name
    from typed
)

select * from final
