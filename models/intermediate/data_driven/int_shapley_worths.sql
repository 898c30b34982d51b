{# grain: one row per conversion type x distinct-channel set of journeys #}
with

journeys as (
    select * from {{ ref('int_journeys') }}
),

final as (
    select
        conversion_type,
        channel_set_mask,
        min(channel_set) as channel_set,
        min(distinct_channel_count) as distinct_channel_count,
        count(*) as journeys,
        count(case when is_converting then 1 end) as converting_journeys,
        -- the worth of the set: its journeys' conversion rate
        count(case when is_converting then 1 end)
        / cast(count(*) as double) as worth
    from journeys
    group by conversion_type, channel_set_mask
)

select * from final
