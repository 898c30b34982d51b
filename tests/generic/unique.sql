{% test unique(model, column_name) %}
{#- dbt's built-in unique test, reading the rows an incremental build wrote
    (macro rows_under_test) instead of the whole relation. -#}
{{ adapter.dispatch('test_unique', 'dbt')(assist.rows_under_test(model), column_name) }}
{% endtest %}
