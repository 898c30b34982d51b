{# grain: one row per identifier (identifier_type x identifier) #}
with

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

final as (
    select
        identifier_type,
        identifier,
        person_id,
        is_shared,
        linked_user_count
    from person_identifiers
)

select * from final
