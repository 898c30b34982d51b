{# grain: one row per person #}
with

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

consents as (
    select * from {{ ref('stg_raw__consents') }}
),

persons as (
    select distinct person_id
    from person_identifiers
),

analytics_records as (
    select
        person_identifiers.person_id,
        consents.granted,
        consents.updated_at
    from consents
    inner join person_identifiers
        on consents.id_type = person_identifiers.identifier_type
            and consents.id = person_identifiers.identifier
    where consents.purpose = 'analytics'
),

ranked_records as (
    select
        person_id,
        granted,
        updated_at,
        row_number() over (
            partition by person_id
            order by
                updated_at desc,
                case when granted then 1 else 0 end
        ) as record_rank,
        count(*) over (partition by person_id) as record_count
    from analytics_records
),

deciding_records as (
    select * from ranked_records
    where record_rank = 1
),

final as (
    select
        persons.person_id,
        deciding_records.updated_at as consent_updated_at,
        coalesce(deciding_records.granted, true) as is_consented,
        deciding_records.person_id is not null as has_consent_record,
        coalesce(deciding_records.record_count, 0) as consent_record_count
    from persons
    left join deciding_records
        on persons.person_id = deciding_records.person_id
)

select * from final
