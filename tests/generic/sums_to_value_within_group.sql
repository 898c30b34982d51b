{% test sums_to_value_within_group(
    model, column_name, group_by_columns, value=1, tolerance=1e-9
) %}
{#- Fails with every group (of `group_by_columns`) whose sum of the column
    differs from `value` by more than `tolerance`, or is null. -#}
{%- set groups = group_by_columns | join(', ') %}
select
    {{ groups }},
    sum({{ column_name }}) as column_sum,
    count(*) as row_count
from {{ model }}
group by {{ groups }}
having
    sum({{ column_name }}) is null
    or abs(sum({{ column_name }}) - {{ value }}) > {{ tolerance }}
{% endtest %}
