{# grain: one row per campaign_id x user_id x conversion_type #}
with

assigned_users as (
    select * from {{ ref('int_holdout_users_assigned') }}
),

conversions as (
    select * from {{ ref('int_conversions_deduplicated') }}
),

conversion_types as (
    select * from {{ ref('stg_config__conversion_types') }}
),

types as (
    select distinct conversion_type
    from conversion_types
),

users_by_type as (
    select
        assigned_users.campaign_id,
        assigned_users.user_id,
        assigned_users.assignment,
        assigned_users.assigned_at,
        assigned_users.window_ends_at,
        assigned_users.person_id,
        types.conversion_type
    from assigned_users
    cross join types
),

conversions_in_window as (
    select
        users_by_type.campaign_id,
        users_by_type.user_id,
        users_by_type.conversion_type,
        conversions.conversion_id,
        conversions.revenue
    from users_by_type
    inner join conversions
        on
            users_by_type.person_id = conversions.person_id
            and users_by_type.conversion_type = conversions.conversion_type
    where
        conversions.converted_at >= users_by_type.assigned_at
        and {{ assist.seconds_between(
            'users_by_type.assigned_at', 'conversions.converted_at'
        ) }} <= {{ var('holdout_window_days') }} * 86400
),

user_outcomes as (
    select
        campaign_id,
        user_id,
        conversion_type,
        count(*) as conversions,
        sum(coalesce(revenue, 0)) as revenue
    from conversions_in_window
    group by campaign_id, user_id, conversion_type
),

final as (
    select
        users_by_type.campaign_id,
        users_by_type.user_id,
        users_by_type.conversion_type,
        users_by_type.assignment,
        users_by_type.assigned_at,
        users_by_type.person_id,
        cast(coalesce(user_outcomes.revenue, 0) as double) as revenue,
        coalesce(user_outcomes.conversions, 0) > 0 as has_converted,
        coalesce(user_outcomes.conversions, 0) as conversions
    from users_by_type
    left join user_outcomes
        on
            users_by_type.campaign_id = user_outcomes.campaign_id
            and users_by_type.user_id = user_outcomes.user_id
            and users_by_type.conversion_type = user_outcomes.conversion_type
)

select * from final
