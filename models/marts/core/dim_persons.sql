{# grain: one row per person #}
with

persons as (
    select * from {{ ref('int_persons_summarized') }}
),

final as (
    select
        person_id,
        identifier_count,
        first_seen_at,
        last_seen_at,
        consent_updated_at,
        user_id_count,
        email_hash_count,
        device_id_count,
        anonymous_id_count,
        is_shared_identifier,
        is_known,
        is_consented,
        has_consent_record
    from persons
)

select * from final
