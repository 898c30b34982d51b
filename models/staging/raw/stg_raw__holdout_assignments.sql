{# grain: one row per staged holdout_assignments row #}
with

validated as (
    select * from {{ ref('base_raw__holdout_assignments') }}
),

final as (
    select
        campaign_id,
        user_id,
        assignment,
        assigned_at
    from validated
    where row_status = 'staged'
)

select * from final
