{% test row_count_matches(model, compare_model) %}
{#- Fails when the model and `compare_model` have different row counts. -#}
with

model_rows as (
    select count(*) as row_count from {{ model }}
),

compared_rows as (
    select count(*) as row_count from {{ compare_model }}
)

select
    model_rows.row_count as model_row_count,
    compared_rows.row_count as compared_row_count
from model_rows
cross join compared_rows
where model_rows.row_count <> compared_rows.row_count
{% endtest %}
