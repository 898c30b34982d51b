{# grain: one row per raw table of the contract #}
with

{% for table_name in raw_table_names() %}
validated_{{ table_name }} as (
    select * from {{ ref('base_raw__' ~ table_name) }}
),

staged_{{ table_name }} as (
    select * from {{ ref('stg_raw__' ~ table_name) }}
),

{% endfor %}
counts as (
    {#- The base model holds every raw row (its row_count_matches test
        compares it with the raw relation), so the raw rows are counted
        there instead of reading the raw files again. #}
    {% for table_name in raw_table_names() %}
    select
        '{{ table_name }}' as source_table,
        {{ loop.index }} as table_order,
        (select count(*) from validated_{{ table_name }}) as raw_rows,
        (select count(*) from staged_{{ table_name }}) as staged_rows,
        (
            select count(*) from validated_{{ table_name }}
            where row_status = 'duplicate'
        ) as duplicate_rows
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
        cast(duplicate_rows as {{ dbt.type_bigint() }}) as duplicate_rows
    from counts
)

select * from final
