{% macro scratch_relation(name) -%}
    {{ return(adapter.dispatch('scratch_relation', 'assist')(name)) }}
{%- endmacro %}

{#- The scratch table `<model>__<name>` of the model being built (macro
    scratch_step): next to the model, in its database and schema. -#}
{% macro default__scratch_relation(name) -%}
    {{ return(api.Relation.create(
        database=this.database,
        schema=this.schema,
        identifier=this.identifier ~ '__' ~ name,
        type='table',
    )) }}
{%- endmacro %}

{#- DuckDB: a temporary table of the connection that builds the model
    (unqualified: temporary tables are found first), kept in memory instead
    of being written to the database file. -#}
{% macro duckdb__scratch_relation(name) -%}
    {{ return(api.Relation.create(
        identifier=this.identifier ~ '__' ~ name,
        type='table',
    )) }}
{%- endmacro %}
