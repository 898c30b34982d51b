{% test relationships(model, column_name, to, field) %}
{#- dbt's built-in relationships test, reading the child rows an
    incremental build wrote (macro rows_under_test; the parent `to` is read
    whole). -#}
{{ adapter.dispatch('test_relationships', 'dbt')(
    assist.rows_under_test(model), column_name, to, field
) }}
{% endtest %}
