{% macro markov_elimination_step(pivot, previous, targets) -%}
    {{ return(adapter.dispatch('markov_elimination_step', 'assist')(
        pivot, previous, targets)) }}
{%- endmacro %}

{#- The body of one elimination step of int_markov_removal_effects: from
    the matrix `previous` (one row per conversion type, removal scenario
    and from state; weight columns to_*), state `pivot` is eliminated. Every
    other row gets w(i, j) += w(i, pivot) * w(pivot, j) / (the sum of the
    pivot row's `targets`), for each column j in `targets`; the pivot row
    goes. A group without a pivot row is unchanged.

    Default: the pivot row reaches the other rows of its group through
    window aggregates, so `previous` is read once (Spark inlines common
    table expressions: reading the previous step twice would double the
    plan at every step). -#}
{% macro default__markov_elimination_step(pivot, previous, targets) -%}
    {%- set updates = [] %}
    {%- for target in targets %}
    {%- do updates.append(target ~ ' + coalesce(to_' ~ pivot ~ ' * pivot_'
        ~ target ~ ' / nullif(pivot_exit_weight, 0), 0) as ' ~ target) %}
    {%- endfor %}
    select
        conversion_type,
        removed_index,
        from_index,
        is_unsolvable,
        {{ updates | join(', ') }}
    from (
        select
            *,
            {%- for target in targets %}
            max(case when from_index = {{ pivot }} then {{ target }} end)
                over (partition by conversion_type, removed_index)
                as pivot_{{ target }},
            {%- endfor %}
            max(
                case
                    when from_index = {{ pivot }}
                        then {{ targets | join(' + ') }}
                end
            ) over (
                partition by conversion_type, removed_index
            ) as pivot_exit_weight
        from {{ previous }}
    ) as pivoted
    where from_index <> {{ pivot }}
{%- endmacro %}

{#- DuckDB: the pivot rows are joined to the others. DuckDB materialises a
    common table expression read twice, and a join costs far less than a
    window with one aggregate per column (a 1 M-person solve: 0.13 s
    instead of 0.33 s, same results to the bit). -#}
{% macro duckdb__markov_elimination_step(pivot, previous, targets) -%}
    {%- set updates = [] %}
    {%- for target in targets %}
    {%- do updates.append('others.' ~ target ~ ' + coalesce(others.to_'
        ~ pivot ~ ' * pivot_row.' ~ target
        ~ ' / nullif(pivot_row.exit_weight, 0), 0) as ' ~ target) %}
    {%- endfor %}
    select
        others.conversion_type,
        others.removed_index,
        others.from_index,
        others.is_unsolvable,
        {{ updates | join(', ') }}
    from {{ previous }} as others
    left join (
        select
            conversion_type,
            removed_index,
            {{ targets | join(', ') }},
            {{ targets | join(' + ') }} as exit_weight
        from {{ previous }}
        where from_index = {{ pivot }}
    ) as pivot_row
        on
            others.conversion_type = pivot_row.conversion_type
            and others.removed_index = pivot_row.removed_index
    where others.from_index <> {{ pivot }}
{%- endmacro %}
