{# grain: one row per conversion type x played channel set x its channel #}
{#- Exact Shapley values of the game on the subsets of each played channel
    set P (m players): m! phi_i = sum over coalitions T of P of
    v(T) * ( (|T| - 1)! (m - |T|)!  when i is in T,
            -|T|! (m - |T| - 1)!    when it is not ),
    the usual sum over S of P \ {i} of |S|! (m - |S| - 1)! / m! * (v(S + i)
    - v(S)) regrouped by coalition. The coefficients are exact integers
    (computed here), so the only roundings are those of the worths, of the
    sum, and one division by m!. Coalitions are enumerated through the
    digits of a subset index: digit b says whether the set's player b (by
    channel index) is in. -#}
{%- set max_players = assist.shapley_max_channels() %}
{%- set factorials = [1] %}
{%- for n in range(1, max_players + 1) %}
{%- do factorials.append(factorials[-1] * n) %}
{%- endfor %}
{#- The SQL lists that grow with max_players, built once here. -#}
{%- set player_bits = [] %}
{%- set digit_columns = [] %}
{%- set subset_digits = [] %}
{%- set index_terms = [] %}
{%- set size_terms = [] %}
{%- set mask_terms = [] %}
{%- set cross_joins = [] %}
{%- set membership = [] %}
{%- for b in range(max_players) %}
{%- do player_bits.append('cast(coalesce(max(case when player_position = '
    ~ b ~ ' then channel_bit end), 0) as bigint) as player_bit_' ~ b) %}
{%- do digit_columns.append('position_' ~ b ~ '.digit as digit_' ~ b) %}
{%- do subset_digits.append('subsets.digit_' ~ b) %}
{%- do index_terms.append('position_' ~ b ~ '.digit * ' ~ 2 ** b) %}
{%- do size_terms.append('position_' ~ b ~ '.digit') %}
{%- do mask_terms.append(
    'subsets.digit_' ~ b ~ ' * played_sets.player_bit_' ~ b) %}
{%- if b > 0 %}
{%- do cross_joins.append('cross join binary_digits as position_' ~ b) %}
{%- endif %}
{%- do membership.append('when ' ~ b ~ ' then coalitions.digit_' ~ b) %}
{%- endfor %}
{%- set coefficient_rows = [] %}
{%- for m in range(1, max_players + 1) %}
{%- for size in range(0, m + 1) %}
{%- do coefficient_rows.append(
    'select ' ~ m ~ ' as player_count, ' ~ size ~ ' as coalition_size, '
    ~ 'cast(' ~ (factorials[size - 1] * factorials[m - size]
        if size >= 1 else 0) ~ ' as bigint) as member_coefficient, '
    ~ 'cast(' ~ (factorials[size] * factorials[m - size - 1]
        if size < m else 0) ~ ' as bigint) as non_member_coefficient, '
    ~ 'cast(' ~ factorials[m] ~ ' as bigint) as permutation_count') %}
{%- endfor %}
{%- endfor %}
with

conversion_channels as (
    select * from {{ ref('int_shapley_conversion_channels') }}
),

worths as (
    select * from {{ ref('int_shapley_worths') }}
),

players as (
    select distinct
        conversion_type,
        played_channel_mask,
        played_channel_count as player_count,
        channel,
        channel_index,
        channel_bit
    from conversion_channels
    where is_played
),

positioned_players as (
    select
        *,
        row_number() over (
            partition by conversion_type, played_channel_mask
            order by channel_index
        ) - 1 as player_position
    from players
),

-- one row per played set, with its players' channel bits side by side
played_sets as (
    select
        conversion_type,
        played_channel_mask,
        player_count,
        {{ player_bits | join(', ') }},
        {{ assist.power_of_two('player_count') }} as coalition_count
    from positioned_players
    group by conversion_type, played_channel_mask, player_count
),

binary_digits as (
    select 0 as digit
    union all
    select 1 as digit
),

-- every subset of the positions 0 .. max_players - 1
subsets as (
    select
        {{ digit_columns | join(', ') }},
        {{ index_terms | join(' + ') }} as subset_index,
        {{ size_terms | join(' + ') }} as coalition_size
    from binary_digits as position_0
    {{ cross_joins | join(' ') }}
),

-- each set's 2^m coalitions, as channel-set bitmasks
coalitions as (
    select
        played_sets.conversion_type,
        played_sets.played_channel_mask,
        played_sets.player_count,
        subsets.coalition_size,
        {{ subset_digits | join(', ') }},
        cast({{ mask_terms | join(' + ') }} as bigint) as coalition_mask
    from played_sets
    inner join subsets
        on played_sets.coalition_count > subsets.subset_index
),

-- the integer Shapley coefficients of a coalition of each size, for a
-- member and for a non-member, and m!
shapley_coefficients as (
    {{ coefficient_rows | join(' union all ') }}
),

-- coalitions of worth 0 add nothing: only those with converting journeys
contributions as (
    select
        coalitions.conversion_type,
        coalitions.played_channel_mask,
        positioned_players.channel,
        coalitions.coalition_mask,
        case
            when
                case positioned_players.player_position
                    {{ membership | join(' ') }}
                end = 1
                then shapley_coefficients.member_coefficient
            else -shapley_coefficients.non_member_coefficient
        end * worths.worth as scaled_contribution
    from coalitions
    inner join worths
        on
            coalitions.conversion_type = worths.conversion_type
            and coalitions.coalition_mask = worths.channel_set_mask
    inner join positioned_players
        on
            coalitions.conversion_type = positioned_players.conversion_type
            and coalitions.played_channel_mask
            = positioned_players.played_channel_mask
    inner join shapley_coefficients
        on
            coalitions.player_count = shapley_coefficients.player_count
            and coalitions.coalition_size
            = shapley_coefficients.coalition_size
    where worths.worth > 0
),

-- m! x the Shapley value, summed in a fixed order (the same bits in every
-- build)
scaled_values as (
    select distinct
        conversion_type,
        played_channel_mask,
        channel,
        sum(scaled_contribution) over (
            partition by conversion_type, played_channel_mask, channel
            order by coalition_mask
            rows between unbounded preceding and unbounded following
        ) as scaled_value
    from contributions
),

floored as (
    select
        positioned_players.conversion_type,
        positioned_players.played_channel_mask,
        positioned_players.channel,
        positioned_players.player_count,
        shapley_coefficients.permutation_count,
        coalesce(scaled_values.scaled_value, 0) as scaled_value,
        greatest(
            cast(0 as double), coalesce(scaled_values.scaled_value, 0)
        ) as floored_scaled_value,
        sum(greatest(
            cast(0 as double), coalesce(scaled_values.scaled_value, 0)
        )) over (
            partition by
                positioned_players.conversion_type,
                positioned_players.played_channel_mask
            order by positioned_players.channel
            rows between unbounded preceding and unbounded following
        ) as floored_scaled_total
    from positioned_players
    inner join shapley_coefficients
        on
            positioned_players.player_count
            = shapley_coefficients.player_count
            and shapley_coefficients.coalition_size = 0
    left join scaled_values
        on
            positioned_players.conversion_type
            = scaled_values.conversion_type
            and positioned_players.played_channel_mask
            = scaled_values.played_channel_mask
            and positioned_players.channel = scaled_values.channel
),

final as (
    select
        conversion_type,
        played_channel_mask,
        channel,
        player_count,
        scaled_value / permutation_count as shapley_value,
        floored_scaled_value / permutation_count as floored_value,
        -- normalised to sum 1; all zero: equal shares
        case
            when floored_scaled_total > 0
                then floored_scaled_value / floored_scaled_total
            else cast(1 as double) / player_count
        end as credit_share
    from floored
)

select * from final
