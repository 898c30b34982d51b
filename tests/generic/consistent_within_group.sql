{% test consistent_within_group(model, column_name, group_by_columns) %}
{#- Fails with every group (of `group_by_columns`) whose rows disagree on the
    column (nulls included: a null and a value disagree). -#}
{%- set groups = group_by_columns | join(', ') %}
select
    {{ groups }},
    count(distinct {{ column_name }}) as distinct_values,
    count({{ column_name }}) as non_null_values,
    count(*) as row_count
from {{ model }}
group by {{ groups }}
having count(distinct {{ column_name }}) > 1
    or (count({{ column_name }}) > 0 and count({{ column_name }}) < count(*))
{% endtest %}
