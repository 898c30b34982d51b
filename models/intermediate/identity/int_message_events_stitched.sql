{# grain: one row per staged message_events row #}
with

message_events as (
    select * from {{ ref('stg_raw__message_events') }}
),

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

stitched as (
    {{ assist.stitch_rows(
        'message_events',
        'person_identifiers',
        ['user_id', 'email_hash', 'device_id', 'anonymous_id'],
    ) }}
)

select * from stitched
