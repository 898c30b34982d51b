{# grain: one row per quarantined raw row (source_table, raw_row, occurrence) #}
with

{% for table_name in raw_table_names() %}
{{ table_name }} as (
    select * from {{ ref('base_raw__' ~ table_name) }}
),

{% endfor %}
quarantined as (
    {% for table_name in raw_table_names() %}
    select
        source_table,
        row_key,
        quarantine_reason as reason,
        raw_row
    from {{ table_name }}
    where row_status = 'quarantined'
    {% if not loop.last %}
    union all
    {% endif %}
    {% endfor %}
),

final as (
    select
        source_table,
        row_key,
        reason,
        raw_row,
        row_number() over (
            partition by source_table, raw_row
            order by raw_row
        ) as occurrence
    from quarantined
)

select * from final
