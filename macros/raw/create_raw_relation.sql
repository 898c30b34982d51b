{% macro create_raw_relation(spec, files) -%}
    {{ return(adapter.dispatch('create_raw_relation', 'assist')(spec, files)) }}
{%- endmacro %}

{#- A view named like the raw table over its files: every contract column as
    text, in contract order, then the file each row was read from
    (`source_file`, with its size and modification time from the listing
    <raw_schema>.delivered_files: what incremental staging compares with
    the files it has read). The files of one format are read by one reader
    that unions them by column name (union_by_name), and a CSV and a Parquet
    reader of one folder are stacked with union all; a column a file lacks
    is null for its rows. Without files: the same columns, no rows. -#}
{% macro duckdb__create_raw_relation(spec, files) -%}
    {%- set groups = assist.raw_file_groups(files) -%}
    {%- set schema = var('raw_schema') -%}
    create or replace view {{ schema }}.{{ spec.name }} as
    {%- for group in groups %}
    select
        {{ assist.raw_relation_columns(spec, group.present) }},
        delivered.source_file,
        delivered.source_file_size,
        delivered.source_file_modified_at
    from {{ assist.raw_file_reader(group.paths, with_file_name=true) }}
        as file_rows
    inner join {{ schema }}.delivered_files as delivered
        on file_rows.filename = delivered.source_file
        and delivered.source_table = '{{ spec.name }}'
    {{- "\n    union all" if not loop.last }}
    {%- else %}
    select
        {{ assist.raw_relation_columns(spec, []) }},
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as bigint) as source_file_size,
        cast(null as timestamp) as source_file_modified_at
    where false
    {%- endfor %}
{%- endmacro %}

{#- Spark: each file becomes an external table <table>__file_<n> (dropping
    it never touches the file; those of an earlier build are dropped first),
    created here; the returned statement creates the view named like the
    raw table over them, each file's columns matched by name, as on
    DuckDB; source_file is the path (size and modification time are null:
    Spark stages every row on each build). -#}
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
    select
        {{ assist.raw_relation_columns(spec, file.present) }},
        '{{ file.path | replace("\\", "\\\\") | replace("'", "\\'") }}' as source_file,
        cast(null as bigint) as source_file_size,
        cast(null as timestamp) as source_file_modified_at
    from {{ schema }}.{{ spec.name }}__file_{{ loop.index }}
    {{- "\n    union all" if not loop.last }}
    {%- else %}
    select
        {{ assist.raw_relation_columns(spec, []) }},
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as bigint) as source_file_size,
        cast(null as timestamp) as source_file_modified_at
    where false
    {%- endfor %}
{%- endmacro %}
