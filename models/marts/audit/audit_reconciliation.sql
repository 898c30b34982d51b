{# grain: one row per raw table supplied #}
{%- set supplied = data_dir_files('raw_files') %}
with

row_counts as (
    select * from {{ ref('stg_raw__row_counts') }}
),

quarantine as (
    select * from {{ ref('audit_quarantine') }}
),

quarantined_per_table as (
    select
        source_table,
        count(*) as quarantined_rows
    from quarantine
    group by source_table
),

final as (
    select
        row_counts.source_table,
        row_counts.table_order,
        row_counts.raw_rows,
        row_counts.staged_rows,
        row_counts.duplicate_rows,
        cast(
            coalesce(quarantined_per_table.quarantined_rows, 0)
            as {{ dbt.type_bigint() }}
        ) as quarantined_rows
    from row_counts
    left join quarantined_per_table
        on row_counts.source_table = quarantined_per_table.source_table
    {%- if supplied | length > 0 %}
    where row_counts.source_table in ('{{ supplied.keys() | join("', '") }}')
    {%- endif %}
)

select * from final
