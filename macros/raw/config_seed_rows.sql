{% macro config_seed_rows(seed_name, seed_cte, columns) -%}
    {#- The rows of a configuration seed: the project's seed (`seed_cte`), or
        the data directory's config/<seed_name>.csv when one was given (var
        config_files of data_dir_files), registered as <raw_schema>.config__<seed_name>.
        `columns` maps each column to its SQL type, in output order. -#}
    {%- set override = assist.data_dir_files('config_files').get(seed_name) -%}
    select
    {%- for name, data_type in columns.items() %}
        cast({{ name }} as {{ data_type }}) as {{ name }}{{ "," if not loop.last }}
    {%- endfor %}
    {%- if override %}
    from {{ var('raw_schema') }}.config__{{ seed_name }}
    {%- else %}
    from {{ seed_cte }}
    {%- endif %}
{%- endmacro %}
