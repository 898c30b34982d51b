{# grain: one row per conversion #}
with

conversions as (
    select * from {{ ref('int_conversions_deduplicated') }}
),

paths as (
    select * from {{ ref('int_conversion_paths') }}
),

path_lengths as (
    select
        conversion_id,
        count(*) as eligible_touch_count
    from paths
    group by conversion_id
),

final as (
    select
        conversions.conversion_id,
        conversions.person_id,
        conversions.conversion_type,
        conversions.converted_at,
        conversions.conversion_platform,
        conversions.revenue,
        conversions.original_revenue,
        conversions.original_currency,
        conversions.fx_rate,
        conversions.order_id,
        conversions.source_event_id,
        conversions.sighting_count,
        conversions.is_consented,
        coalesce(path_lengths.eligible_touch_count, 0) as eligible_touch_count
    from conversions
    left join path_lengths
        on conversions.conversion_id = path_lengths.conversion_id
)

select * from final
