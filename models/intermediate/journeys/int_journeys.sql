{# grain: one row per journey #}
{#- Person-scoped: a journey depends on its person's steps only (its
    channel set is written in channel-name order, not as a bitmask of the
    type's channel numbering, which moves when a channel first appears;
    int_shapley_worths makes the bitmasks of the distinct sets). -#}
{{ config(**assist.person_scoped_config()) }}
with

steps as (
    select * from {{ ref('int_journey_steps') }}
    where {{ assist.changed_persons_filter() }}
),

journey_paths as (
    select
        journey_id,
        conversion_type,
        person_id,
        conversion_id,
        is_converting,
        count(*) as step_count,
        cast(sum(touch_count) as bigint) as touch_count,
        {{ assist.ordered_string_agg('channel', 'step_number', ' > ') }}
            as channel_path
    from steps
    group by
        journey_id,
        conversion_type,
        person_id,
        conversion_id,
        is_converting
),

journey_channels as (
    select distinct
        journey_id,
        channel
    from steps
),

journey_sets as (
    select
        journey_id,
        count(*) as distinct_channel_count,
        {{ assist.ordered_string_agg('channel', 'channel', ', ') }}
            as channel_set
    from journey_channels
    group by journey_id
),

final as (
    select
        journey_paths.journey_id,
        journey_paths.conversion_type,
        journey_paths.person_id,
        journey_paths.conversion_id,
        journey_paths.is_converting,
        journey_paths.touch_count,
        journey_paths.step_count,
        journey_sets.distinct_channel_count,
        journey_paths.channel_path,
        journey_sets.channel_set
    from journey_paths
    inner join journey_sets
        on journey_paths.journey_id = journey_sets.journey_id
)

select * from final
