{% macro scratch_step(pipeline, name, sql) -%}
    {#- Adds the step `name` (a select) to `pipeline` (macro scratch_pipeline)
        and returns what later steps select from: the scratch table, created
        now, when the pipeline materializes; else the CTE name. A scratch
        table left by an earlier, failed run is replaced. -#}
    {%- if pipeline.materialize -%}
        {%- set relation = assist.scratch_relation(name) -%}
        {%- do adapter.drop_relation(relation) -%}
        {%- do run_query(assist.create_scratch_table(relation, sql)) -%}
        {%- do pipeline.relations.update({name: relation}) -%}
        {{ return(relation | string) }}
    {%- else -%}
        {%- do pipeline.ctes.append([name, sql]) -%}
        {{ return(name) }}
    {%- endif -%}
{%- endmacro %}
