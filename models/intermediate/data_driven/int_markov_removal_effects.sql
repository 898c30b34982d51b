{# grain: one row per conversion type x channel #}
{#- The absorbing chain is solved exactly by eliminating the channel states
    one by one: Gaussian elimination in the GTH form, where a state's exit
    weight is the sum of its weights to the other states, never 1 - a
    self-loop probability, so nothing is subtracted and no precision is
    lost. The matrix is wide: one row per (conversion type, removal
    scenario, from state), one weight column per target state (channel
    index 1..K, conversion, null). A type has at most one state per contract
    channel, so the elimination is unrolled K times; every removal scenario
    is solved in the same pass. Rows hold transition counts: dividing by the
    exit weight normalises. -#}
{%- set max_channels = assist.accepted_channels() | length %}
{%- set removed_weights = [] %}
{%- for j in range(1, max_channels + 1) %}
{%- do removed_weights.append(
    'when ' ~ j ~ ' then observed_rows.to_' ~ j) %}
{%- endfor %}
with

transitions as (
    select * from {{ ref('int_markov_transitions') }}
),

channels as (
    select distinct
        conversion_type,
        to_state as channel,
        to_state_index as channel_index
    from transitions
    where to_state_index > 0
),

-- scenario 0 is the observed chain; scenario c has channel c removed
scenarios as (
    select distinct
        conversion_type,
        0 as removed_index
    from transitions
    union all
    select
        conversion_type,
        channel_index as removed_index
    from channels
),

-- one row per from state, its transition counts side by side
observed_rows as (
    select
        conversion_type,
        from_state_index as from_index,
        {%- for j in range(1, max_channels + 1) %}
        max(case when to_state_index = {{ j }} then transition_count end)
            as to_{{ j }},
        {%- endfor %}
        max(case when to_state_index = -1 then transition_count end)
            as to_conversion,
        max(case when to_state_index = -2 then transition_count end)
            as to_null,
        -- a type with more channels than K cannot be solved here
        max(max(to_state_index)) over (partition by conversion_type)
        > {{ max_channels }} as is_unsolvable
    from transitions
    group by conversion_type, from_state_index
),

-- removing channel c sends every transition into c to null
eliminated_0 as (
    select
        scenarios.conversion_type,
        scenarios.removed_index,
        observed_rows.from_index,
        observed_rows.is_unsolvable,
        {%- for j in range(1, max_channels + 1) %}
        cast(case
            when scenarios.removed_index = {{ j }} then 0
            else coalesce(observed_rows.to_{{ j }}, 0)
        end as double) as to_{{ j }},
        {%- endfor %}
        cast(coalesce(observed_rows.to_conversion, 0) as double)
            as to_conversion,
        cast(
            coalesce(observed_rows.to_null, 0)
            + coalesce(case scenarios.removed_index
                {{ removed_weights | join(' ') }}
            end, 0)
            as double
        ) as to_null
    from scenarios
    inner join observed_rows
        on scenarios.conversion_type = observed_rows.conversion_type
),

{#- Eliminating state k: every other row i gets w(i, j) += w(i, k) * w(k,
    j) / sum over j <> k of w(k, j), a fixed-order sum of the pivot row's
    columns; then row k and column k go (markov_elimination_step). -#}
{%- for k in range(1, max_channels + 1) %}
{%- set targets = [] %}
{%- for j in range(k + 1, max_channels + 1) %}
{%- do targets.append('to_' ~ j) %}
{%- endfor %}
{%- do targets.append('to_conversion') %}
{%- do targets.append('to_null') %}

eliminated_{{ k }} as (
    {{ assist.markov_elimination_step(k, 'eliminated_' ~ (k - 1), targets) }}
),
{%- endfor %}

-- only start's row is left, with its weights into conversion and null
probabilities as (
    select
        conversion_type,
        removed_index,
        case
            when is_unsolvable then null
            when to_conversion > 0
                then to_conversion / (to_conversion + to_null)
            else cast(0 as double)
        end as conversion_probability
    from eliminated_{{ max_channels }}
    where from_index = 0
),

compared as (
    select
        channels.conversion_type,
        channels.channel,
        channels.channel_index,
        observed.conversion_probability,
        removed.conversion_probability
            as conversion_probability_without_channel
    from channels
    inner join probabilities as observed
        on
            channels.conversion_type = observed.conversion_type
            and observed.removed_index = 0
    inner join probabilities as removed
        on
            channels.conversion_type = removed.conversion_type
            and channels.channel_index = removed.removed_index
),

-- 1 - P(without c) / P, written (P - P(without c)) / P; removing a channel
-- never raises P(conversion), so a rounding above it is clamped to 0 (and
-- a type with P = 0 gets 0)
final as (
    select
        *,
        case
            when
                conversion_probability_without_channel
                >= conversion_probability
                then cast(0 as double)
            else
                (
                    conversion_probability
                    - conversion_probability_without_channel
                )
                / conversion_probability
        end as removal_effect
    from compared
)

select * from final
