{# grain: one row per conversion type x distinct-channel set of journeys #}
with

journeys as (
    select * from {{ ref('int_journeys') }}
),

channels as (
    select * from {{ ref('int_journey_channels') }}
),

set_counts as (
    select
        conversion_type,
        channel_set,
        min(distinct_channel_count) as distinct_channel_count,
        count(*) as journeys,
        count(case when is_converting then 1 end) as converting_journeys
    from journeys
    group by conversion_type, channel_set
),

set_channels as (
    {#- each distinct set's channels (names hold no comma) #}
    select
        conversion_type,
        channel_set,
        trim(set_channel) as channel
    from (
        select
            conversion_type,
            channel_set,
            {{ assist.split_to_rows('channel_set', ',') }} as set_channel
        from set_counts
    ) as split_sets
),

set_masks as (
    select
        set_channels.conversion_type,
        set_channels.channel_set,
        cast(sum(channels.channel_bit) as bigint) as channel_set_mask
    from set_channels
    inner join channels
        on
            set_channels.conversion_type = channels.conversion_type
            and set_channels.channel = channels.channel
    group by set_channels.conversion_type, set_channels.channel_set
),

final as (
    select
        set_counts.conversion_type,
        set_masks.channel_set_mask,
        set_counts.channel_set,
        set_counts.distinct_channel_count,
        set_counts.journeys,
        set_counts.converting_journeys,
        -- the worth of the set: its journeys' conversion rate
        set_counts.converting_journeys
        / cast(set_counts.journeys as double) as worth
    from set_counts
    inner join set_masks
        on
            set_counts.conversion_type = set_masks.conversion_type
            and set_counts.channel_set = set_masks.channel_set
)

select * from final
