{# grain: one row per conversion x eligible touch #}
{{ config(**assist.person_scoped_config()) }}
with

conversions as (
    select * from {{ ref('int_conversions_deduplicated') }}
    where {{ assist.changed_persons_filter() }}
),

touches as (
    select * from {{ ref('int_touches_consented') }}
    where {{ assist.changed_persons_filter() }}
),

conversion_types as (
    select * from {{ ref('stg_config__conversion_types') }}
),

lookback_window_history as (
    select * from {{ ref('stg_config__lookback_window_history') }}
),

default_windows as (
    select distinct
        conversion_type,
        click_lookback_days,
        impression_lookback_days
    from conversion_types
),

conversion_days as (
    select distinct
        conversion_type,
        cast(converted_at as date) as converted_date
    from conversions
),

history_rows_applicable as (
    select
        conversion_days.conversion_type,
        conversion_days.converted_date,
        max(lookback_window_history.valid_from) as valid_from
    from conversion_days
    inner join lookback_window_history
        on
            conversion_days.conversion_type
            = lookback_window_history.conversion_type
            and conversion_days.converted_date
            >= lookback_window_history.valid_from
    group by conversion_days.conversion_type, conversion_days.converted_date
),

windows_by_day as (
    select
        conversion_days.conversion_type,
        conversion_days.converted_date,
        coalesce(
            lookback_window_history.click_lookback_days,
            default_windows.click_lookback_days
        ) as click_lookback_days,
        coalesce(
            lookback_window_history.impression_lookback_days,
            default_windows.impression_lookback_days
        ) as impression_lookback_days
    from conversion_days
    left join history_rows_applicable
        on
            conversion_days.conversion_type
            = history_rows_applicable.conversion_type
            and conversion_days.converted_date
            = history_rows_applicable.converted_date
    left join lookback_window_history
        on
            history_rows_applicable.conversion_type
            = lookback_window_history.conversion_type
            and history_rows_applicable.valid_from
            = lookback_window_history.valid_from
    left join default_windows
        on conversion_days.conversion_type = default_windows.conversion_type
),

conversion_moments as (
    select distinct
        person_id,
        conversion_type,
        converted_at
    from conversions
),

previous_conversions as (
    select
        person_id,
        conversion_type,
        converted_at,
        lag(converted_at) over (
            partition by person_id, conversion_type
            order by converted_at
        ) as previous_converted_at
    from conversion_moments
),

conversions_windowed as (
    select
        conversions.conversion_id,
        conversions.person_id,
        conversions.conversion_type,
        conversions.converted_at,
        conversions.conversion_platform,
        conversions.revenue,
        windows_by_day.click_lookback_days,
        windows_by_day.impression_lookback_days,
        previous_conversions.previous_converted_at,
        {%- if var('reset_at_conversion') %}
        previous_conversions.previous_converted_at as path_starts_after
        {%- else %}
        cast(null as timestamp) as path_starts_after
        {%- endif %}
    from conversions
    inner join windows_by_day
        on
            conversions.conversion_type = windows_by_day.conversion_type
            and cast(conversions.converted_at as date)
            = windows_by_day.converted_date
    inner join previous_conversions
        on
            conversions.person_id = previous_conversions.person_id
            and conversions.conversion_type
            = previous_conversions.conversion_type
            and conversions.converted_at = previous_conversions.converted_at
    where conversions.is_consented
),

touches_before_conversions as (
    select
        conversions_windowed.*,
        touches.touch_id,
        touches.touch_at,
        touches.channel,
        touches.touch_platform,
        touches.interaction_type,
        touches.campaign_id,
        touches.message_id,
        case
            when touches.interaction_type = 'click'
                then conversions_windowed.click_lookback_days
            else conversions_windowed.impression_lookback_days
        end as lookback_days,
        {{ seconds_between(
            'touches.touch_at', 'conversions_windowed.converted_at'
        ) }} as seconds_before_conversion
    from conversions_windowed
    inner join touches
        on
            conversions_windowed.person_id = touches.person_id
            and conversions_windowed.converted_at >= touches.touch_at
            and (
                conversions_windowed.path_starts_after is null
                or conversions_windowed.path_starts_after < touches.touch_at
            )
),

touches_in_window as (
    select *
    from touches_before_conversions
    where seconds_before_conversion <= lookback_days * 86400
),

touches_ordered as (
    select
        *,
        row_number() over (
            partition by conversion_id
            order by
                touch_at,
                case when interaction_type = 'click' then 0 else 1 end,
                touch_id
        ) as touch_position,
        count(*) over (partition by conversion_id) as path_length
    from touches_in_window
),

final as (
    select
        conversion_id,
        person_id,
        conversion_type,
        converted_at,
        conversion_platform,
        revenue,
        touch_id,
        touch_at,
        channel,
        touch_platform,
        interaction_type,
        campaign_id,
        message_id,
        touch_position,
        path_length,
        seconds_before_conversion,
        lookback_days,
        previous_converted_at
    from touches_ordered
)

select * from final
