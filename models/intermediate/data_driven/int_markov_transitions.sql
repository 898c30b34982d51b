{# grain: one row per conversion type x from_state x to_state #}
with

steps as (
    select * from {{ ref('int_journey_steps') }}
),

channels as (
    select * from {{ ref('int_journey_channels') }}
),

-- start -> c1 -> ... -> cn -> conversion | null, counted in one pass over
-- the steps grouped by (type, channel, next channel): the number of steps,
-- of first steps (each also a start -> channel transition) and, at a
-- journey's last step (no next channel), of converting ones
step_transitions as (
    select
        conversion_type,
        channel,
        next_channel,
        count(*) as step_count,
        count(case when step_number = 1 then 1 end) as first_step_count,
        count(case when is_converting then 1 end) as converting_step_count
    from steps
    group by conversion_type, channel, next_channel
),

journey_transitions as (
    select
        conversion_type,
        'start' as from_state,
        channel as to_state,
        first_step_count as transition_count
    from step_transitions
    where first_step_count > 0
    union all
    select
        conversion_type,
        channel as from_state,
        next_channel as to_state,
        step_count as transition_count
    from step_transitions
    where next_channel is not null
    union all
    select
        conversion_type,
        channel as from_state,
        'conversion' as to_state,
        converting_step_count as transition_count
    from step_transitions
    where next_channel is null and converting_step_count > 0
    union all
    select
        conversion_type,
        channel as from_state,
        'null' as to_state,
        step_count - converting_step_count as transition_count
    from step_transitions
    where next_channel is null and step_count > converting_step_count
),

counted as (
    select
        conversion_type,
        from_state,
        to_state,
        cast(sum(transition_count) as {{ dbt.type_bigint() }})
            as transition_count
    from journey_transitions
    group by conversion_type, from_state, to_state
),

-- state indexes: start 0, channels 1..n, conversion -1, null -2
indexed as (
    select
        counted.conversion_type,
        counted.from_state,
        counted.to_state,
        counted.transition_count,
        case
            when counted.from_state = 'start' then 0
            else from_channels.channel_index
        end as from_state_index,
        case
            when counted.to_state = 'conversion' then -1
            when counted.to_state = 'null' then -2
            else to_channels.channel_index
        end as to_state_index
    from counted
    left join channels as from_channels
        on
            counted.conversion_type = from_channels.conversion_type
            and counted.from_state = from_channels.channel
    left join channels as to_channels
        on
            counted.conversion_type = to_channels.conversion_type
            and counted.to_state = to_channels.channel
),

final as (
    select
        conversion_type,
        from_state,
        to_state,
        from_state_index,
        to_state_index,
        transition_count,
        cast(transition_count as double) / sum(transition_count) over (
            partition by conversion_type, from_state
        ) as transition_probability
    from indexed
)

select * from final
