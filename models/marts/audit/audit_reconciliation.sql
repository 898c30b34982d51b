{# grain: one row per raw table supplied #}
{%- set supplied = var('raw_files') or {} %}
with

{% for table_name in raw_table_names() %}
raw_{{ table_name }} as (
    select * from {{ source('raw', table_name) }}
),

staged_{{ table_name }} as (
    select * from {{ ref('stg_raw__' ~ table_name) }}
),

validated_{{ table_name }} as (
    select * from {{ ref('base_raw__' ~ table_name) }}
),

{% endfor %}
quarantine as (
    select * from {{ ref('audit_quarantine') }}
),

counts as (
    {% for table_name in raw_table_names() %}
    select
        '{{ table_name }}' as source_table,
        {{ loop.index }} as table_order,
        (select count(*) from raw_{{ table_name }}) as raw_rows,
        (select count(*) from staged_{{ table_name }}) as staged_rows,
        (
            select count(*) from validated_{{ table_name }}
            where row_status = 'duplicate'
        ) as duplicate_rows,
        (
            select count(*) from quarantine
            where source_table = '{{ table_name }}'
        ) as quarantined_rows
    {% if not loop.last %}
    union all
    {% endif %}
    {% endfor %}
),

final as (
    select
        source_table,
        table_order,
        cast(raw_rows as {{ dbt.type_bigint() }}) as raw_rows,
        cast(staged_rows as {{ dbt.type_bigint() }}) as staged_rows,
        cast(duplicate_rows as {{ dbt.type_bigint() }}) as duplicate_rows,
        cast(quarantined_rows as {{ dbt.type_bigint() }}) as quarantined_rows
    from counts
    {%- if supplied | length > 0 %}
    where source_table in ('{{ supplied.keys() | join("', '") }}')
    {%- endif %}
)

select * from final
