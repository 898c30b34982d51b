{# grain: one row per conversion x assisting channel #}
{%- set message_channel_list =
    "'" ~ (message_channels() | join("', '")) ~ "'" %}
with

paths as (
    select * from {{ ref('int_conversion_paths') }}
),

last_touches as (
    select
        conversion_id,
        channel as last_touch_channel
    from paths
    where touch_position = path_length
),

assisting_touches as (
    select *
    from paths
    where touch_position < path_length
),

channel_assists as (
    select
        conversion_id,
        conversion_type,
        converted_at,
        conversion_platform,
        revenue,
        channel,
        count(*) as assist_touch_count,
        max(case when interaction_type = 'click' then 1 else 0 end)
            as click_assist_flag,
        max(touch_position) as last_assist_position
    from assisting_touches
    group by
        conversion_id,
        conversion_type,
        converted_at,
        conversion_platform,
        revenue,
        channel
),

last_assist_platforms as (
    select
        channel_assists.*,
        assisting_touches.touch_platform as last_assist_platform
    from channel_assists
    inner join assisting_touches
        on
            channel_assists.conversion_id = assisting_touches.conversion_id
            and channel_assists.last_assist_position
            = assisting_touches.touch_position
),

assist_kinds as (
    select
        last_assist_platforms.*,
        last_touches.last_touch_channel,
        last_assist_platforms.click_assist_flag = 1 as is_click_assisted,
        last_assist_platforms.channel = last_touches.last_touch_channel
            as is_also_last_touch,
        last_assist_platforms.assist_touch_count > 1
            as is_multi_touch_assist,
        case
            when last_assist_platforms.channel in ({{ message_channel_list }})
                then {{ dbt.concat([
                    "'message_to_'",
                    'last_assist_platforms.conversion_platform',
                ]) }}
            when
                last_assist_platforms.last_assist_platform
                = last_assist_platforms.conversion_platform
                then 'same_platform'
            when
                last_assist_platforms.last_assist_platform = 'app'
                and last_assist_platforms.conversion_platform = 'web'
                then 'app_to_web'
            when
                last_assist_platforms.last_assist_platform = 'web'
                and last_assist_platforms.conversion_platform = 'app'
                then 'web_to_app'
            when
                last_assist_platforms.last_assist_platform = 'app'
                and last_assist_platforms.conversion_platform
                in ('store', 'call_center')
                then 'app_to_offline'
            when
                last_assist_platforms.last_assist_platform = 'web'
                and last_assist_platforms.conversion_platform
                in ('store', 'call_center')
                then 'web_to_offline'
        end as assist_kind
    from last_assist_platforms
    inner join last_touches
        on last_assist_platforms.conversion_id = last_touches.conversion_id
),

final as (
    select
        conversion_id,
        conversion_type,
        channel,
        assist_touch_count,
        is_click_assisted,
        assist_kind,
        is_also_last_touch,
        is_multi_touch_assist,
        last_assist_platform,
        last_touch_channel,
        conversion_platform,
        converted_at,
        revenue
    from assist_kinds
)

select * from final
