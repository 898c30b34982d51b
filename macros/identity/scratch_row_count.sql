{% macro scratch_row_count(pipeline, name, where=none) -%}
    {#- Rows of the materialized step `name` (those matching the SQL condition
        `where`, if given); none when the pipeline does not materialize (a
        CTE has no rows before the query runs). -#}
    {%- if not pipeline.materialize -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set result = run_query(
        'select count(*) as row_count from ' ~ pipeline.relations[name]
        ~ (' where ' ~ where if where else '')
    ) -%}
    {{ return(result.columns[0].values()[0] | int) }}
{%- endmacro %}
