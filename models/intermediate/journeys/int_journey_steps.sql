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
    select * from {{ ref('int_touches_consented') }}
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

-- the (type, person) pairs with touches on a path of that type: only their
-- non-converting journeys lack some of the person's touches
types_with_path_touches as (
    select distinct
        paths.conversion_type,
        paths.person_id
    from paths
),

-- most persons have no path touch of a type, and their non-converting
-- journey of that type is all their touches: the same for every type, so
-- its steps are numbered once per person (positions, lag and running sum
-- over the touches once, not once per type) and copied to the types below
person_touches as (
    select
        person_id,
        touch_id,
        channel,
        row_number() over (
            partition by person_id
            order by
                touch_at asc,
                case when interaction_type = 'click' then 0 else 1 end asc,
                touch_id asc
        ) as journey_position
    from touchpoints
),

-- the pairs with path touches keep the touches on no path of the type
unconverted_touches as (
    select
        types_with_path_touches.conversion_type,
        touchpoints.person_id,
        touchpoints.touch_id,
        touchpoints.touch_at,
        touchpoints.interaction_type,
        touchpoints.channel
    from touchpoints
    inner join types_with_path_touches
        on touchpoints.person_id = types_with_path_touches.person_id
    left join path_touches
        on
            types_with_path_touches.conversion_type
            = path_touches.conversion_type
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
    union all
    -- one journey per person (its every touch), copied to the types below
    select
        cast(null as {{ dbt.type_string() }}) as conversion_type,
        person_id,
        cast(null as {{ dbt.type_string() }}) as conversion_id,
        false as is_converting,
        touch_id,
        journey_position,
        channel,
        'all:' || person_id as journey_id
    from person_touches
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

steps as (
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
),

-- the per-person journey is the non-converting journey of every type the
-- person has no path touch of
whole_person_steps as (
    select
        'person:' || journey_types.conversion_type || ':' || steps.person_id
            as journey_id,
        steps.step_number,
        journey_types.conversion_type,
        steps.person_id,
        steps.conversion_id,
        steps.is_converting,
        steps.channel,
        steps.touch_count,
        steps.first_journey_position,
        steps.last_journey_position,
        steps.next_channel
    from steps
    cross join journey_types
    left join types_with_path_touches
        on
            journey_types.conversion_type
            = types_with_path_touches.conversion_type
            and steps.person_id = types_with_path_touches.person_id
    where
        steps.conversion_type is null
        and types_with_path_touches.person_id is null
),

final as (
    select * from steps
    where conversion_type is not null
    union all
    select * from whole_person_steps
)

select * from final
