{% test unique_combination_of_columns(model, combination_of_columns) %}
{#- Fails with every combination of the columns that occurs more than once.
    Nulls count as equal values (group by), so a nullable grain is tested
    the way a null-safe join (`is not distinct from`) reads it. -#}
{%- set columns = combination_of_columns | join(', ') %}
select
    {{ columns }},
    count(*) as row_count
from {{ assist.rows_under_test(model) }}
group by {{ columns }}
having count(*) > 1
{% endtest %}
