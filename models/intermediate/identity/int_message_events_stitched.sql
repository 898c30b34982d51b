{# grain: one row per staged message_events row #}
{%- set identifiers = ['user_id', 'email_hash', 'device_id', 'anonymous_id'] %}
{{ config(**assist.stitched_rows_config(
    'stg_raw__message_events', 'event_id', identifiers
)) }}
{%- set watermark = assist.stitched_watermark() %}
with

message_events as (
    select * from {{ ref('stg_raw__message_events') }}
    where {{ assist.rows_to_stitch(identifiers, watermark) }}
),

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

stitched as (
    {{ assist.stitch_rows(
        'message_events', 'person_identifiers', identifiers
    ) }}
),

final as (
    select
        *,
        {{ assist.build_started_at() }} as stitched_at
    from stitched
)

select * from final
