{% macro create_scratch_table(relation, sql) -%}
    {{ return(adapter.dispatch('create_scratch_table', 'assist')(relation, sql)) }}
{%- endmacro %}

{#- The statement that creates a scratch table (macro scratch_relation) from
    a select, for the steps of an iterative model (macro scratch_step).
    Unlike dbt's create_table_as it reads no model config (location,
    partitioning, contracts), which belongs to the model, not to its
    scratch tables. -#}
{% macro default__create_scratch_table(relation, sql) -%}
    create table {{ relation }} as
    {{ sql }}
{%- endmacro %}

{#- DuckDB: a temporary table (in memory, spilling to disk if needed): the
    model's compile and build run on one connection, which sees it. -#}
{% macro duckdb__create_scratch_table(relation, sql) -%}
    create temporary table {{ relation }} as
    {{ sql }}
{%- endmacro %}

{#- Spark: a real table (a temporary view would be recomputed by every
    later step). -#}
{% macro spark__create_scratch_table(relation, sql) -%}
    create table {{ relation }} using parquet as
    {{ sql }}
{%- endmacro %}
