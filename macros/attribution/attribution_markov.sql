{% macro attribution_markov(paths) -%}
    {#- Model markov (CONTRACT 6): each channel on the path gets its removal
        effect (int_markov_removal_effects, first-order chain solved exactly
        over all journeys of the conversion type) / the sum of the removal
        effects of the path's distinct channels (all zero: equal shares per
        channel), split equally among that channel's touches on the path.
        The shape of every attribution model: see macro
        credits_of_attribution_model. -#}
    select
        channel_shares.*,
        channel_shares.markov_channel_share
        / channel_shares.markov_channel_touches as credit
    from (
        select
            path_effects.*,
            case
                when path_effects.markov_path_effect_sum > 0
                    then path_effects.markov_removal_effect
                    / path_effects.markov_path_effect_sum
                else cast(1 as double) / path_effects.markov_path_channels
            end as markov_channel_share
        from (
            select
                touch_effects.*,
                sum(
                    case
                        when touch_effects.markov_channel_touch_rank = 1
                            then touch_effects.markov_removal_effect
                        else 0
                    end
                ) over (
                    partition by touch_effects.conversion_id
                    order by
                        touch_effects.channel, touch_effects.touch_position
                    rows between unbounded preceding and unbounded following
                ) as markov_path_effect_sum,
                max(touch_effects.markov_channel_rank) over (
                    partition by touch_effects.conversion_id
                ) as markov_path_channels
            from (
                select
                    {{ paths }}.*,
                    coalesce(removal_effects.removal_effect, 0)
                        as markov_removal_effect,
                    count(*) over (
                        partition by
                            {{ paths }}.conversion_id, {{ paths }}.channel
                    ) as markov_channel_touches,
                    row_number() over (
                        partition by
                            {{ paths }}.conversion_id, {{ paths }}.channel
                        order by {{ paths }}.touch_position
                    ) as markov_channel_touch_rank,
                    dense_rank() over (
                        partition by {{ paths }}.conversion_id
                        order by {{ paths }}.channel
                    ) as markov_channel_rank
                from {{ paths }}
                left join {{ ref('int_markov_removal_effects') }}
                    as removal_effects
                    on
                        {{ paths }}.conversion_type
                        = removal_effects.conversion_type
                        and {{ paths }}.channel = removal_effects.channel
            ) as touch_effects
        ) as path_effects
    ) as channel_shares
{%- endmacro %}
