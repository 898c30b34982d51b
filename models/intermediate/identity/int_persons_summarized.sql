{# grain: one row per person #}
with

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

person_consents as (
    select * from {{ ref('int_person_consents') }}
),

message_events as (
    select * from {{ ref('int_message_events_stitched') }}
),

app_events as (
    select * from {{ ref('int_app_events_stitched') }}
),

web_events as (
    select * from {{ ref('int_web_events_stitched') }}
),

orders as (
    select * from {{ ref('int_orders_stitched') }}
),

identifier_counts as (
    select
        person_id,
        count(*) as identifier_count,
        sum(
            case when identifier_type = 'user_id' then 1 else 0 end
        ) as user_id_count,
        sum(
            case when identifier_type = 'email_hash' then 1 else 0 end
        ) as email_hash_count,
        sum(
            case when identifier_type = 'device_id' then 1 else 0 end
        ) as device_id_count,
        sum(
            case when identifier_type = 'anonymous_id' then 1 else 0 end
        ) as anonymous_id_count,
        max(case when is_shared then 1 else 0 end) = 1 as is_shared_identifier
    from person_identifiers
    group by person_id
),

activity as (
    select
        person_id,
        min(event_at) as first_seen_at,
        max(event_at) as last_seen_at
    from message_events
    group by person_id
    union all
    select
        person_id,
        min(event_at) as first_seen_at,
        max(event_at) as last_seen_at
    from app_events
    group by person_id
    union all
    select
        person_id,
        min(event_at) as first_seen_at,
        max(event_at) as last_seen_at
    from web_events
    group by person_id
    union all
    select
        person_id,
        min(ordered_at) as first_seen_at,
        max(ordered_at) as last_seen_at
    from orders
    group by person_id
),

person_activity as (
    select
        person_id,
        min(first_seen_at) as first_seen_at,
        max(last_seen_at) as last_seen_at
    from activity
    group by person_id
),

final as (
    select
        identifier_counts.person_id,
        identifier_counts.identifier_count,
        person_activity.first_seen_at,
        person_activity.last_seen_at,
        person_consents.consent_updated_at,
        identifier_counts.user_id_count,
        identifier_counts.email_hash_count,
        identifier_counts.device_id_count,
        identifier_counts.anonymous_id_count,
        identifier_counts.is_shared_identifier,
        identifier_counts.user_id_count > 0 as is_known,
        coalesce(person_consents.is_consented, true) as is_consented,
        coalesce(person_consents.has_consent_record, false)
            as has_consent_record
    from identifier_counts
    left join person_consents
        on identifier_counts.person_id = person_consents.person_id
    left join person_activity
        on identifier_counts.person_id = person_activity.person_id
)

select * from final
