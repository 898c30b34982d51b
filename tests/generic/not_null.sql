{% test not_null(model, column_name) %}
{#- dbt's built-in not_null test, reading the rows an incremental build wrote
    (macro rows_under_test) instead of the whole relation. -#}
{{ adapter.dispatch('test_not_null', 'dbt')(assist.rows_under_test(model), column_name) }}
{% endtest %}
