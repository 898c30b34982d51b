{% macro scratch_pipeline() -%}
    {#- The state of a model built in steps (macros scratch_step,
        scratch_row_count, scratch_drop, scratch_query).

        When dbt runs the model (`dbt run` / `build` / `retry`), every step
        is a scratch table created at once with run_query, so an iterative
        algorithm can look at its data (row counts) between steps and stop
        when it has converged. Anywhere else (parse, compile, docs, lint and
        unit tests, whose inputs are CTEs that no statement could read) the
        same steps become CTEs of one select, with a fixed number of
        iterations. Scratch tables are named `<model>__<step>` (macros
        scratch_relation and create_scratch_table: temporary tables on
        DuckDB). -#}
    {%- set command = flags.WHICH if flags.WHICH is defined else none -%}
    {%- set materialize = (
        execute
        and model is defined
        and model.resource_type == 'model'
        and command in ['run', 'build', 'retry']
    ) -%}
    {{ return({
        'materialize': materialize,
        'ctes': [],
        'relations': {},
    }) }}
{%- endmacro %}
