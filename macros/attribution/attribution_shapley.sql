{% macro attribution_shapley(paths) -%}
    {#- Model shapley (CONTRACT 6): each channel of the path's played set
        (its shapley_max_channels most recent channels) gets its Shapley
        share (int_shapley_values: exact Shapley value in the game whose
        worths are the conversion rates of journeys by distinct-channel set,
        floored at 0, normalised; all zero: equal shares), split equally
        among that channel's touches on the path; channels left out of the
        game get 0. The shape of every attribution model: see macro
        credits_of_attribution_model. -#}
    select
        channel_shares.*,
        coalesce(channel_shares.shapley_channel_share, 0)
        / channel_shares.shapley_channel_touches as credit
    from (
        select
            {{ paths }}.*,
            shapley_values.credit_share as shapley_channel_share,
            count(*) over (
                partition by {{ paths }}.conversion_id, {{ paths }}.channel
            ) as shapley_channel_touches
        from {{ paths }}
        left join {{ ref('int_shapley_conversion_channels') }}
            as conversion_channels
            on
                {{ paths }}.conversion_id = conversion_channels.conversion_id
                and {{ paths }}.channel = conversion_channels.channel
        left join {{ ref('int_shapley_values') }} as shapley_values
            on
                conversion_channels.conversion_type
                = shapley_values.conversion_type
                and conversion_channels.played_channel_mask
                = shapley_values.played_channel_mask
                and conversion_channels.channel = shapley_values.channel
    ) as channel_shares
{%- endmacro %}
