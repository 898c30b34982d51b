{# grain: one row per conversion x channel on its path #}
{#- A path with more than shapley_max_channels distinct channels plays the
    game on its most recent ones, by last occurrence. -#}
{%- set max_players = assist.shapley_max_channels() %}
with

steps as (
    select * from {{ ref('int_journey_steps') }}
),

channels as (
    select * from {{ ref('int_journey_channels') }}
),

conversion_channels as (
    select
        conversion_type,
        conversion_id,
        channel,
        cast(sum(touch_count) as bigint) as channel_touch_count,
        max(step_number) as last_step_number
    from steps
    where is_converting
    group by conversion_type, conversion_id, channel
),

ranked as (
    select
        conversion_channels.*,
        channels.channel_index,
        channels.channel_bit,
        row_number() over (
            partition by conversion_channels.conversion_id
            order by conversion_channels.last_step_number desc
        ) as recency_rank,
        count(*) over (
            partition by conversion_channels.conversion_id
        ) as path_channel_count
    from conversion_channels
    inner join channels
        on
            conversion_channels.conversion_type = channels.conversion_type
            and conversion_channels.channel = channels.channel
),

final as (
    select
        conversion_id,
        channel,
        conversion_type,
        channel_index,
        channel_bit,
        channel_touch_count,
        last_step_number,
        recency_rank,
        path_channel_count,
        recency_rank <= {{ max_players }} as is_played,
        cast(sum(
            case when recency_rank <= {{ max_players }} then channel_bit end
        ) over (partition by conversion_id) as bigint) as played_channel_mask,
        least(path_channel_count, {{ max_players }}) as played_channel_count
    from ranked
)

select * from final
