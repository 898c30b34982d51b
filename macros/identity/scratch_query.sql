{% macro scratch_query(pipeline, sql) -%}
    {#- The model's select: `sql` itself when the pipeline materializes (it
        reads the scratch tables, which a post-hook of the model drops with
        macro drop_scratch_relations); else one select whose CTEs are the
        steps, then `sql`. -#}
    {%- if pipeline.materialize -%}
        {{ return(sql) }}
    {%- endif -%}
    {%- set query -%}
with
{% for step in pipeline.ctes %}
{{ step[0] }} as (
{{ step[1] }}
),
{% endfor %}
scratch_final as (
{{ sql }}
)

select * from scratch_final
    {%- endset -%}
    {{ return(query) }}
{%- endmacro %}
