{# grain: one row per conversion type x channel seen in its journeys #}
with

steps as (
    select * from {{ ref('int_journey_steps') }}
),

journey_channels as (
    select distinct
        conversion_type,
        journey_id,
        is_converting,
        channel
    from steps
),

counted as (
    select
        conversion_type,
        channel,
        count(*) as journeys,
        count(case when is_converting then 1 end) as converting_journeys
    from journey_channels
    group by conversion_type, channel
),

-- channels numbered 1..n per type by name: bit n - 1 of a channel set
indexed as (
    select
        *,
        dense_rank() over (
            partition by conversion_type order by channel
        ) as channel_index
    from counted
),

final as (
    select
        conversion_type,
        channel,
        channel_index,
        journeys,
        converting_journeys,
        {{ assist.power_of_two('channel_index - 1') }} as channel_bit
    from indexed
)

select * from final
