{# grain: one row per staged consents row #}
with

validated as (
    select * from {{ ref('base_raw__consents') }}
),

final as (
    select
        id_type,
        id,
        purpose,
        granted,
        updated_at
    from validated
    where row_status = 'staged'
)

select * from final
