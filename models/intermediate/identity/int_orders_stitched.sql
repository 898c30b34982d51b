{# grain: one row per staged orders row #}
{%- set identifiers = ['user_id', 'email_hash', 'device_id', 'anonymous_id'] %}
{{ config(**assist.stitched_rows_config(
    'stg_raw__orders', 'order_id', identifiers
)) }}
{%- set watermark = assist.stitched_watermark() %}
with

orders as (
    select * from {{ ref('stg_raw__orders') }}
    where {{ assist.rows_to_stitch(identifiers, watermark) }}
),

person_identifiers as (
    select * from {{ ref('int_person_identifiers') }}
),

stitched as (
    {{ assist.stitch_rows(
        'orders', 'person_identifiers', identifiers
    ) }}
),

final as (
    select
        *,
        {{ assist.build_started_at() }} as stitched_at
    from stitched
)

select * from final
