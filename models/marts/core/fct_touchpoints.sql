{# grain: one row per touch (touch_id) of a consented person #}
{#- A view: the rows are int_touches_consented's (incremental, per changed
    person); a table would copy every touch of the history on each build. #}
{{ config(materialized='view') }}

with

touches as (
    select * from {{ ref('int_touches_consented') }}
),

final as (
    select
        touch_id,
        person_id,
        touch_at,
        touch_date,
        channel,
        touch_platform,
        interaction_type,
        campaign_id,
        message_id,
        source_event_id,
        session_id,
        device_id,
        anonymous_id,
        traffic_source,
        traffic_medium,
        traffic_campaign,
        touch_sequence
    from touches
)

select * from final
