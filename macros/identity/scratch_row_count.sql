{% macro scratch_row_count(pipeline, name) -%}
    {#- Rows of the materialized step `name`; none when the pipeline does not
        materialize (a CTE has no rows before the query runs). -#}
    {%- if not pipeline.materialize -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set result = run_query(
        'select count(*) as row_count from ' ~ pipeline.relations[name]
    ) -%}
    {{ return(result.columns[0].values()[0] | int) }}
{%- endmacro %}
