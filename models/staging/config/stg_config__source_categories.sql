{# grain: one row per source #}
with

seed_rows as (
    select * from {{ ref('source_categories') }}
),

typed as (
    {{ config_seed_rows('source_categories', 'seed_rows', {
        'source': dbt.type_string(),
        'source_category': dbt.type_string(),
    }) }}
),

final as (
    select
        regexp_extract(
            lower(trim(source)), '^(?:www[.])?(.*)$', 1
        ) as source,  -- noqa: RF04
        lower(trim(source_category)) as source_category
    from typed
)

select * from final
