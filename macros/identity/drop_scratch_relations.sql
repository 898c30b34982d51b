{% macro drop_scratch_relations(names) -%}
    {#- For a model's post-hook: drops its scratch tables `<model>__<name>`
        for each of `names` (if they exist) and renders no SQL. -#}
    {%- if execute -%}
        {%- for name in names -%}
            {%- do adapter.drop_relation(assist.scratch_relation(name)) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
