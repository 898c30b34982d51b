{# grain: one row per journey #}
with

steps as (
    select * from {{ ref('int_journey_steps') }}
),

channels as (
    select * from {{ ref('int_journey_channels') }}
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
        steps.journey_id,
        steps.channel,
        channels.channel_index,
        channels.channel_bit
    from steps
    inner join channels
        on
            steps.conversion_type = channels.conversion_type
            and steps.channel = channels.channel
),

-- distinct bits, so their sum is the channel-set bitmask
journey_sets as (
    select
        journey_id,
        count(*) as distinct_channel_count,
        cast(sum(channel_bit) as bigint) as channel_set_mask,
        {{ assist.ordered_string_agg('channel', 'channel_index', ', ') }}
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
        journey_sets.channel_set,
        journey_sets.channel_set_mask
    from journey_paths
    inner join journey_sets
        on journey_paths.journey_id = journey_sets.journey_id
)

select * from final
