{% test expression_is_true(model, expression) %}
{#- Fails with every row for which `expression` is not true. -#}
select *
from {{ assist.rows_under_test(model) }}
where not coalesce({{ expression }}, false)
{% endtest %}
