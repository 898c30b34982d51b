{# grain: one row per staged orders row #}
with

orders as (
    select * from {{ ref('stg_raw__orders') }}
),

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

stitched as (
    {{ assist.stitch_rows(
        'orders',
        'person_identifiers',
        ['user_id', 'email_hash', 'device_id', 'anonymous_id'],
    ) }}
)

select * from stitched
