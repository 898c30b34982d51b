{% macro changed_persons_relation() -%}
    {#- The relation of model int_persons_changed, from the graph (at
        execution only). -#}
    {%- set node = graph.nodes['model.' ~ project_name ~ '.int_persons_changed'] -%}
    {{ return(api.Relation.create(
        database=node.database, schema=node.schema, identifier=node.alias
    )) }}
{%- endmacro %}
