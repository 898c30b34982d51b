{# grain: one row per campaign_id x conversion_type #}
with

user_outcomes as (
    select * from {{ ref('int_holdout_user_outcomes_measured') }}
),

group_totals as (
    select
        campaign_id,
        conversion_type,
        sum(case when assignment = 'treatment' then 1 else 0 end)
            as treatment_users,
        sum(case when assignment = 'control' then 1 else 0 end)
            as control_users,
        sum(
            case
                when assignment = 'treatment' and has_converted then 1 else 0
            end
        ) as treatment_converters,
        sum(
            case
                when assignment = 'control' and has_converted then 1 else 0
            end
        ) as control_converters,
        sum(case when assignment = 'treatment' then conversions else 0 end)
            as treatment_conversions,
        sum(case when assignment = 'control' then conversions else 0 end)
            as control_conversions,
        sum(case when assignment = 'treatment' then revenue else 0 end)
            as treatment_revenue,
        sum(case when assignment = 'control' then revenue else 0 end)
            as control_revenue,
        sum(case when person_id is null then 1 else 0 end) as unknown_users
    from user_outcomes
    group by campaign_id, conversion_type
),

rates as (
    select
        *,
        case
            when treatment_users > 0
                then cast(treatment_converters as double) / treatment_users
        end as treatment_rate,
        case
            when control_users > 0
                then cast(control_converters as double) / control_users
        end as control_rate,
        case
            when treatment_users > 0
                then cast(treatment_revenue as double) / treatment_users
        end as treatment_revenue_per_user,
        case
            when control_users > 0
                then cast(control_revenue as double) / control_users
        end as control_revenue_per_user,
        case
            when treatment_users > 0 and control_users > 0
                then
                    cast(treatment_converters + control_converters as double)
                    / (treatment_users + control_users)
        end as pooled_rate,
        {{ assist.wilson_bound(
            'treatment_converters', 'treatment_users', 'lower'
        ) }} as treatment_rate_low,
        {{ assist.wilson_bound(
            'treatment_converters', 'treatment_users', 'upper'
        ) }} as treatment_rate_high,
        {{ assist.wilson_bound(
            'control_converters', 'control_users', 'lower'
        ) }} as control_rate_low,
        {{ assist.wilson_bound(
            'control_converters', 'control_users', 'upper'
        ) }} as control_rate_high
    from group_totals
),

differences as (
    select
        *,
        treatment_rate - control_rate as absolute_lift,
        -- null when a group is empty (pooled_rate is null then)
        sqrt(
            pooled_rate * (1 - pooled_rate)
            * (1.0e0 / treatment_users + 1.0e0 / control_users)
        ) as standard_error
    from rates
),

z_scores as (
    select
        *,
        case
            when standard_error > 0 then absolute_lift / standard_error
        end as z_score
    from differences
),

final as (
    select
        campaign_id,
        conversion_type,
        treatment_users,
        control_users,
        treatment_converters,
        control_converters,
        treatment_rate,
        control_rate,
        absolute_lift,
        case
            when control_rate > 0 then absolute_lift / control_rate
        end as relative_lift,
        absolute_lift - sqrt(
            (treatment_rate - treatment_rate_low)
            * (treatment_rate - treatment_rate_low)
            + (control_rate_high - control_rate)
            * (control_rate_high - control_rate)
        ) as ci_low,
        absolute_lift + sqrt(
            (treatment_rate_high - treatment_rate)
            * (treatment_rate_high - treatment_rate)
            + (control_rate - control_rate_low)
            * (control_rate - control_rate_low)
        ) as ci_high,
        case
            when standard_error = 0 then cast(1 as double)
            else {{ assist.two_sided_normal_p_value('z_score') }}
        end as p_value,
        absolute_lift * treatment_users as incremental_conversions,
        treatment_revenue_per_user,
        control_revenue_per_user,
        (treatment_revenue_per_user - control_revenue_per_user)
        * treatment_users as incremental_revenue,
        z_score,
        standard_error,
        treatment_rate_low,
        treatment_rate_high,
        control_rate_low,
        control_rate_high,
        treatment_conversions,
        control_conversions,
        treatment_revenue,
        control_revenue,
        unknown_users,
        {{ var('holdout_window_days') }} as holdout_window_days
    from z_scores
)

select * from final
