{# grain: one row per staged app_events row #}
with

app_events as (
    select * from {{ ref('stg_raw__app_events') }}
),

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

stitched as (
    {{ assist.stitch_rows(
        'app_events',
        'person_identifiers',
        ['user_id', 'device_id'],
    ) }}
)

select * from stitched
