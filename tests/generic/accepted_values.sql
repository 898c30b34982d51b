{% test accepted_values(model, column_name, values, quote=True) %}
{#- dbt's built-in accepted_values test, reading the rows an incremental
    build wrote (macro rows_under_test) instead of the whole relation. -#}
{{ adapter.dispatch('test_accepted_values', 'dbt')(
    assist.rows_under_test(model), column_name, values, quote
) }}
{% endtest %}
