{# grain: one row per conversion type x channel seen in its journeys #}
with

removal_effects as (
    select * from {{ ref('int_markov_removal_effects') }}
),

journeys as (
    select * from {{ ref('int_journeys') }}
),

journey_counts as (
    select
        conversion_type,
        count(*) as journeys,
        count(case when is_converting then 1 end) as converting_journeys
    from journeys
    group by conversion_type
),

effect_totals as (
    select
        *,
        sum(removal_effect) over (
            partition by conversion_type
            order by channel
            rows between unbounded preceding and unbounded following
        ) as total_removal_effect
    from removal_effects
),

shared as (
    select
        *,
        case
            when total_removal_effect > 0
                then removal_effect / total_removal_effect
        end as share -- noqa: RF04
    from effect_totals
),

final as (
    select
        shared.conversion_type,
        shared.channel,
        shared.removal_effect,
        shared.share,
        shared.conversion_probability,
        shared.conversion_probability_without_channel,
        -- the sum is 0 only when the type has no converting journey
        coalesce(shared.share, 0)
        * coalesce(journey_counts.converting_journeys, 0)
            as credited_conversions,
        coalesce(journey_counts.converting_journeys, 0)
            as conversions_with_path,
        coalesce(journey_counts.journeys, 0) as journeys
    from shared
    left join journey_counts
        on shared.conversion_type = journey_counts.conversion_type
)

select * from final
