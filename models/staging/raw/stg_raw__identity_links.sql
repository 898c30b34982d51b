{# grain: one row per staged identity_links row #}
with

validated as (
    select * from {{ ref('base_raw__identity_links') }}
),

final as (
    select
        id_type_a,
        id_a,
        id_type_b,
        id_b,
        linked_at,
        source
    from validated
    where row_status = 'staged'
)

select * from final
