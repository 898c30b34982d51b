{% macro register_delivered_files(plans) -%}
    {{ return(adapter.dispatch('register_delivered_files', 'assist')(plans)) }}
{%- endmacro %}

{% macro default__register_delivered_files(plans) -%}
    {{ return('') }}
{%- endmacro %}

{#- <raw_schema>.delivered_files: one row per file of a raw table, with the
    size and modification time the file system gives (read_blob reads no
    content when only those are selected). -#}
{% macro duckdb__register_delivered_files(plans) -%}
    {%- set rows = [] -%}
    {%- for plan in plans -%}
        {%- for file in plan.files -%}
            {%- do rows.append("('" ~ plan.spec.name ~ "', '"
                ~ file.path | replace("'", "''") ~ "')") -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set schema = var('raw_schema') -%}
    {%- if rows | length == 0 -%}
        {%- do run_query('create or replace table ' ~ schema ~ '.delivered_files ('
            ~ 'source_table varchar, source_file varchar, '
            ~ 'source_file_size bigint, source_file_modified_at timestamp)') -%}
        {{ return('') }}
    {%- endif -%}
    {%- set paths = [] -%}
    {%- for row in rows -%}
        {%- do paths.append(row.split("', ", 1)[1][:-1]) -%}
    {%- endfor -%}
    {%- set statement -%}
    create or replace table {{ schema }}.delivered_files as
    select
        listed.source_table,
        listed.source_file,
        blobs.size as source_file_size,
        cast(blobs.last_modified as timestamp) as source_file_modified_at
    from (values {{ rows | join(', ') }}) as listed (source_table, source_file)
    inner join read_blob([{{ paths | join(', ') }}]) as blobs
        on listed.source_file = blobs.filename
    {%- endset -%}
    {%- do run_query(statement) -%}
    {{ return('') }}
{%- endmacro %}
