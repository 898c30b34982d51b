{# grain: one row per campaign_id x user_id (the user's earliest
   assignment) #}
with

assignments as (
    select * from {{ ref('stg_raw__holdout_assignments') }}
),

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

assignments_ranked as (
    select
        campaign_id,
        user_id,
        assignment,
        assigned_at,
        row_number() over (
            partition by campaign_id, user_id
            order by assigned_at asc, assignment asc
        ) as assignment_rank,
        -- (no count(distinct) window: Spark has none)
        min(assignment) over (
            partition by campaign_id, user_id
        ) as first_group_name,
        max(assignment) over (
            partition by campaign_id, user_id
        ) as last_group_name,
        count(*) over (
            partition by campaign_id, user_id
        ) as assignment_count
    from assignments
),

user_persons as (
    select
        identifier as user_id,
        person_id
    from person_identifiers
    where identifier_type = 'user_id'
),

final as (
    select
        assignments_ranked.campaign_id,
        assignments_ranked.user_id,
        assignments_ranked.assignment,
        assignments_ranked.assigned_at,
        {{ dbt.dateadd(
            'day', var('holdout_window_days'), 'assignments_ranked.assigned_at'
        ) }} as window_ends_at,
        user_persons.person_id,
        assignments_ranked.assignment_count,
        assignments_ranked.first_group_name
        <> assignments_ranked.last_group_name as is_in_both_groups
    from assignments_ranked
    left join user_persons
        on assignments_ranked.user_id = user_persons.user_id
    where assignments_ranked.assignment_rank = 1
)

select * from final
