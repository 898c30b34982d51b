{% test sums_to_column_of(
    model, column_name, group_by_columns, join_column, to, field,
    tolerance=1e-9
) %}
{#- Fails with every group (of `group_by_columns`, which include
    `join_column`) whose sum of the column differs from `field` of the row of
    `to` with the same `join_column` by more than `tolerance` x max(1,
    |field|), and with every group that has no such row. -#}
{%- set groups = group_by_columns | join(', ') %}
with

sums as (
    select
        {{ groups }},
        sum({{ column_name }}) as column_sum
    from {{ model }}
    group by {{ groups }}
),

expected as (
    select
        {{ join_column }} as expected_key,
        {{ field }} as expected_sum
    from {{ to }}
)

select
    sums.*,
    expected.expected_sum
from sums
left join expected
    on sums.{{ join_column }} = expected.expected_key
where
    expected.expected_key is null
    or sums.column_sum is null
    or expected.expected_sum is null
    or abs(sums.column_sum - expected.expected_sum)
    > {{ tolerance }} * case
        when abs(expected.expected_sum) > 1 then abs(expected.expected_sum)
        else 1
    end
{% endtest %}
