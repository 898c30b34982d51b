{# grain: one row per channel rule row (rule_order x channel x conditions) #}
with

seed_rows as (
    select * from {{ ref('channel_rules') }}
),

typed as (
    {{ config_seed_rows('channel_rules', 'seed_rows', {
        'rule_order': dbt.type_int(),
        'channel': dbt.type_string(),
        'source_category': dbt.type_string(),
        'source_pattern': dbt.type_string(),
        'medium_pattern': dbt.type_string(),
        'campaign_pattern': dbt.type_string(),
        'description': dbt.type_string(),
    }) }}
),

final as (
    select
        rule_order,
        lower(trim(channel)) as channel,
        nullif(lower(trim(source_category)), '') as source_category,
        nullif(trim(source_pattern), '') as source_pattern,
        nullif(trim(medium_pattern), '') as medium_pattern,
        nullif(trim(campaign_pattern), '') as campaign_pattern,
        trim(description) as description
    from typed
)

select * from final
