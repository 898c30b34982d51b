{# grain: one row per journey x step (a run of touches of one channel) #}
{{ config(**assist.person_scoped_config()) }}
with

paths as (
    select * from {{ ref('int_conversion_paths') }}
    where {{ assist.changed_persons_filter() }}
),

path_types as (
    select distinct conversion_type from {{ ref('int_conversion_paths') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
    where {{ assist.changed_persons_filter() }}
),

conversion_types as (
    select * from {{ ref('stg_config__conversion_types') }}
),

journey_types as (
    select conversion_type from conversion_types
    union
    select conversion_type from path_types
),

path_touches as (
    select distinct
        conversion_type,
        touch_id
    from paths
),

-- each non-empty conversion path is a converting journey
converting_touches as (
    select
        conversion_type,
        person_id,
        cast(conversion_id as {{ dbt.type_string() }}) as conversion_id,
        true as is_converting,
        touch_id,
        touch_position as journey_position,
        channel
    from paths
),

-- a person's touches eligible for no conversion of the type, at any age
unconverted_touches as (
    select
        journey_types.conversion_type,
        touchpoints.person_id,
        touchpoints.touch_id,
        touchpoints.touch_at,
        touchpoints.interaction_type,
        touchpoints.channel
    from touchpoints
    cross join journey_types
    left join path_touches
        on
            journey_types.conversion_type = path_touches.conversion_type
            and touchpoints.touch_id = path_touches.touch_id
    where path_touches.touch_id is null
),

non_converting_touches as (
    select
        conversion_type,
        person_id,
        cast(null as {{ dbt.type_string() }}) as conversion_id,
        false as is_converting,
        touch_id,
        row_number() over (
            partition by conversion_type, person_id
            order by
                touch_at asc,
                case when interaction_type = 'click' then 0 else 1 end asc,
                touch_id asc
        ) as journey_position,
        channel
    from unconverted_touches
),

journey_touches as (
    select
        *,
        'conversion:' || conversion_id as journey_id
    from converting_touches
    union all
    select
        *,
        'person:' || conversion_type || ':' || person_id as journey_id
    from non_converting_touches
),

-- consecutive touches of one channel collapse into one step
step_starts as (
    select
        *,
        case
            when
                channel = lag(channel) over (
                    partition by journey_id order by journey_position
                )
                then 0
            else 1
        end as is_step_start
    from journey_touches
),

numbered_steps as (
    select
        *,
        sum(is_step_start) over (
            partition by journey_id
            order by journey_position
            rows between unbounded preceding and current row
        ) as step_number
    from step_starts
),

final as (
    select
        journey_id,
        step_number,
        conversion_type,
        person_id,
        conversion_id,
        is_converting,
        channel,
        count(*) as touch_count,
        min(journey_position) as first_journey_position,
        max(journey_position) as last_journey_position,
        lead(channel) over (
            partition by journey_id order by step_number
        ) as next_channel
    from numbered_steps
    group by
        journey_id,
        step_number,
        conversion_type,
        person_id,
        conversion_id,
        is_converting,
        channel
)

select * from final
