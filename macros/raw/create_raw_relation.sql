{% macro create_raw_relation(spec, path, present_columns) -%}
    {{ return(adapter.dispatch('create_raw_relation', 'assist')(spec, path, present_columns)) }}
{%- endmacro %}

{#- A view named like the raw table over its file: every contract column as
    text, in contract order; a column the file lacks is null; a raw `email`
    column only ever leaves the file as its hash; extra columns are ignored.
    Without a file: the same columns, no rows. -#}
{% macro duckdb__create_raw_relation(spec, path, present_columns) -%}
    {%- set by_lower = {} -%}
    {%- for name in present_columns -%}
        {%- do by_lower.update({name | lower: name}) -%}
    {%- endfor -%}
    create or replace view {{ var('raw_schema') }}.{{ spec.name }} as
    select
    {%- for column in spec.columns %}
        {%- set actual = by_lower.get(column.name) %}
        {%- if column.name == 'email_hash' and 'email' in by_lower %}
        {%- set email = 'nullif(trim(cast("' ~ by_lower['email'] ~ '" as varchar)), \'\')' %}
        coalesce(
            {{ 'cast("' ~ actual ~ '" as varchar)' if actual else 'cast(null as varchar)' }},
            {{ assist.sha256_hex('lower(' ~ email ~ ')') }}
        ) as {{ column.name }}
        {%- elif actual %}
        cast("{{ actual }}" as varchar) as {{ column.name }}
        {%- else %}
        cast(null as varchar) as {{ column.name }}
        {%- endif %}{{ "," if not loop.last }}
    {%- endfor %}
    {%- if path %}
    from {{ assist.raw_file_reader(path) }}
    {%- else %}
    where false
    {%- endif %}
{%- endmacro %}

{#- Spark: the file becomes an external table <table>__file (dropping it
    never touches the file), created here; the returned statement creates
    the view named like the raw table over it, as on DuckDB. -#}
{% macro spark__create_raw_relation(spec, path, present_columns) -%}
    {%- set schema = var('raw_schema') -%}
    {%- set file_table = schema ~ '.' ~ spec.name ~ '__file' -%}
    {%- set by_lower = {} -%}
    {%- for name in present_columns -%}
        {%- do by_lower.update({name | lower: name}) -%}
    {%- endfor -%}
    {%- do run_query('drop table if exists ' ~ file_table) -%}
    {%- if path -%}
        {%- do run_query('create table ' ~ file_table ~ ' '
            ~ assist.raw_file_reader(path)) -%}
    {%- endif %}
    create or replace view {{ schema }}.{{ spec.name }} as
    select
    {%- for column in spec.columns %}
        {%- set actual = by_lower.get(column.name) %}
        {%- if column.name == 'email_hash' and 'email' in by_lower %}
        {%- set email = 'nullif(trim(cast(' ~ adapter.quote(by_lower['email']) ~ ' as string)), \'\')' %}
        coalesce(
            {{ 'cast(' ~ adapter.quote(actual) ~ ' as string)' if actual else 'cast(null as string)' }},
            {{ assist.sha256_hex('lower(' ~ email ~ ')') }}
        ) as {{ column.name }}
        {%- elif actual %}
        cast({{ adapter.quote(actual) }} as string) as {{ column.name }}
        {%- else %}
        cast(null as string) as {{ column.name }}
        {%- endif %}{{ "," if not loop.last }}
    {%- endfor %}
    {%- if path %}
    from {{ file_table }}
    {%- else %}
    where false
    {%- endif %}
{%- endmacro %}
