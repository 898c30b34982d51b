{% macro scratch_drop(pipeline, names) -%}
    {#- Drops the scratch tables of the materialized steps `names` (a list)
        that no later step reads; nothing when the pipeline does not
        materialize. -#}
    {%- if pipeline.materialize -%}
        {%- for name in names -%}
            {%- if name in pipeline.relations -%}
                {%- do adapter.drop_relation(pipeline.relations.pop(name)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
