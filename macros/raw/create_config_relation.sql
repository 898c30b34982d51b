{% macro create_config_relation(seed_name, path) -%}
    {{ return(adapter.dispatch('create_config_relation', 'assist')(seed_name, path)) }}
{%- endmacro %}

{#- A view over a configuration override file (CSV, every value as text). -#}
{% macro duckdb__create_config_relation(seed_name, path) -%}
    create or replace view {{ var('raw_schema') }}.config__{{ seed_name }} as
    select * from {{ assist.raw_file_reader(path) }}
{%- endmacro %}

{#- Spark: an external table over the file (every value as text), named
    like the DuckDB view. Dropping it never touches the file. -#}
{% macro spark__create_config_relation(seed_name, path) -%}
    {%- set relation = var('raw_schema') ~ '.config__' ~ seed_name -%}
    {%- do run_query('drop table if exists ' ~ relation) -%}
    create table {{ relation }} {{ assist.raw_file_reader(path) }}
{%- endmacro %}
