{% test expected_rows_per_key(
    model, key_column, to, expected_rows, per_column, per_values=none,
    per_values_var=none
) %}
{#- Every key of `to` (its column `key_column`) has, for each value of
    `per_values` (a list, or the list held by the var named
    `per_values_var`), exactly `expected_rows` rows in the model (an SQL
    expression on `to`'s columns); fails with every (key, value) whose count
    differs, and with every model row whose key or value is not expected. -#}
{%- set values = var(per_values_var) if per_values_var else per_values %}
{%- if values is string or values is none or values | length == 0 %}
    {{ exceptions.raise_compiler_error(
        "expected_rows_per_key: give per_values (a non-empty list) or "
        ~ "per_values_var (the name of a var holding one)") }}
{%- endif %}
with

per_values as (
    {%- for value in values %}
    select '{{ value }}' as per_value
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

expected as (
    select
        expected_keys.{{ key_column }} as key_value,
        per_values.per_value,
        {{ expected_rows }} as expected_rows
    from {{ to }} as expected_keys
    cross join per_values
),

actual as (
    select
        {{ key_column }} as key_value,
        cast({{ per_column }} as {{ dbt.type_string() }}) as per_value,
        count(*) as actual_rows
    from {{ model }}
    group by {{ key_column }}, {{ per_column }}
)

select
    coalesce(expected.key_value, actual.key_value) as key_value,
    coalesce(expected.per_value, actual.per_value) as per_value,
    expected.expected_rows,
    actual.actual_rows
from expected
full outer join actual
    on
        expected.key_value = actual.key_value
        and expected.per_value = actual.per_value
where
    expected.key_value is null
    or actual.key_value is null
    or expected.expected_rows <> actual.actual_rows
{% endtest %}
