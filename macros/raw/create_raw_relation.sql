{% macro create_raw_relation(spec, files) -%}
    {{ return(adapter.dispatch('create_raw_relation', 'assist')(spec, files)) }}
{%- endmacro %}

{#- A view named like the raw table over its files: every contract column as
    text, in contract order. The files of one format are read by one reader
    that unions them by column name (union_by_name), and a CSV and a Parquet
    reader of one folder are stacked with union all; a column a file lacks
    is null for its rows. Without files: the same columns, no rows. -#}
{% macro duckdb__create_raw_relation(spec, files) -%}
    {%- set groups = assist.raw_file_groups(files) -%}
    create or replace view {{ var('raw_schema') }}.{{ spec.name }} as
    {%- for group in groups %}
    select {{ assist.raw_relation_columns(spec, group.present) }}
    from {{ assist.raw_file_reader(group.paths) }}
    {{- "\n    union all" if not loop.last }}
    {%- else %}
    select {{ assist.raw_relation_columns(spec, []) }}
    where false
    {%- endfor %}
{%- endmacro %}

{#- Spark: each file becomes an external table <table>__file_<n> (dropping
    it never touches the file; those of an earlier build are dropped first),
    created here; the returned statement creates the view named like the
    raw table over them, each file's columns matched by name, as on
    DuckDB. -#}
{% macro spark__create_raw_relation(spec, files) -%}
    {%- set schema = var('raw_schema') -%}
    {%- set stale = run_query('show tables in ' ~ schema ~ " like '"
        ~ spec.name ~ "__file*'") -%}
    {%- for row in stale.rows -%}
        {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ row[1]) -%}
    {%- endfor -%}
    {%- for file in files -%}
        {%- do run_query('create table ' ~ schema ~ '.' ~ spec.name ~ '__file_'
            ~ loop.index ~ ' ' ~ assist.raw_file_reader(file.path)) -%}
    {%- endfor %}
    create or replace view {{ schema }}.{{ spec.name }} as
    {%- for file in files %}
    select {{ assist.raw_relation_columns(spec, file.present) }}
    from {{ schema }}.{{ spec.name }}__file_{{ loop.index }}
    {{- "\n    union all" if not loop.last }}
    {%- else %}
    select {{ assist.raw_relation_columns(spec, []) }}
    where false
    {%- endfor %}
{%- endmacro %}
