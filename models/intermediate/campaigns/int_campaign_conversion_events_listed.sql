{# grain: one row per campaign_id x custom conversion event_name #}
with

campaigns as (
    select * from {{ ref('stg_raw__campaigns') }}
),

conversion_types as (
    select * from {{ ref('stg_config__conversion_types') }}
),

listed_names as (
    select
        campaign_id,
        {{ assist.split_to_rows('conversion_events', '|') }} as listed_name
    from campaigns
    where conversion_events is not null
),

purchase_event_names as (
    select event_name
    from conversion_types
    where conversion_type = 'purchase'
    union all
    select 'purchase' as event_name
),

custom_event_names as (
    select distinct
        listed_names.campaign_id,
        trim(listed_names.listed_name) as event_name
    from listed_names
),

final as (
    select
        custom_event_names.campaign_id,
        custom_event_names.event_name
    from custom_event_names
    left join purchase_event_names
        on custom_event_names.event_name = purchase_event_names.event_name
    where
        custom_event_names.event_name <> ''
        and purchase_event_names.event_name is null
)

select * from final
