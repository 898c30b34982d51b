{% macro scratch_relation(name) -%}
    {#- The scratch table `<model>__<name>` of the model being built, in the
        model's database and schema. -#}
    {{ return(api.Relation.create(
        database=this.database,
        schema=this.schema,
        identifier=this.identifier ~ '__' ~ name,
        type='table',
    )) }}
{%- endmacro %}
