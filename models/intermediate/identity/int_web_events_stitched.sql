{# grain: one row per staged web_events row #}
with

web_events as (
    select * from {{ ref('stg_raw__web_events') }}
),

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

stitched as (
    {{ assist.stitch_rows(
        'web_events',
        'person_identifiers',
        ['user_id', 'anonymous_id'],
    ) }}
)

select * from stitched
