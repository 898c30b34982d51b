{% macro create_scratch_table(relation, sql) -%}
    {{ return(adapter.dispatch('create_scratch_table', 'assist')(relation, sql)) }}
{%- endmacro %}

{#- The statement that creates a plain table from a select, for the scratch
    tables of an iterative model (macro scratch_step). Unlike dbt's
    create_table_as it reads no model config (location, partitioning,
    contracts), which belongs to the model, not to its scratch tables. -#}
{% macro default__create_scratch_table(relation, sql) -%}
    create table {{ relation }} as
    {{ sql }}
{%- endmacro %}

{% macro spark__create_scratch_table(relation, sql) -%}
    create table {{ relation }} using parquet as
    {{ sql }}
{%- endmacro %}
