{% test not_null_columns(model) %}
{#- Fails with every row where a column declared `constraints:
    [{type: not_null}]` in the model's YAML is null, naming those columns
    (`null_columns`). One scan of the model checks all of them: a dbt test
    per column cost a node and a scan each (four hundred of them). The
    constraints are not enforced by the database (no model contract): this
    test is what checks them, and every model with one has it
    (tests/python/test_layers.py). -#}
{%- set columns = [] -%}
{%- if execute -%}
    {%- set nodes = graph.nodes.values()
        | selectattr('resource_type', 'in', ['model', 'seed', 'snapshot'])
        | selectattr('schema', 'equalto', model.schema)
        | selectattr('alias', 'equalto', model.identifier)
        | list -%}
    {%- if nodes | length != 1 -%}
        {%- do exceptions.raise_compiler_error(
            'not_null_columns: no single node for ' ~ model) -%}
    {%- endif -%}
    {%- for column in nodes[0].columns.values() -%}
        {%- if column.constraints | selectattr('type', 'equalto', 'not_null')
            | list | length > 0 -%}
            {%- do columns.append(column.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if columns | length == 0 -%}
        {%- do exceptions.raise_compiler_error(
            'not_null_columns: ' ~ nodes[0].name
            ~ ' declares no not_null constraint') -%}
    {%- endif -%}
{%- else -%}
    {%- do columns.append('1') -%}
{%- endif %}
select
    concat_ws(', '
    {%- for column in columns %}
        , case when {{ column }} is null then '{{ column }}' end
    {%- endfor %}
    ) as null_columns,
    *
from {{ assist.rows_under_test(model) }}
where
{%- for column in columns %}
    {{ 'or ' if not loop.first }}{{ column }} is null
{%- endfor %}
{% endtest %}
