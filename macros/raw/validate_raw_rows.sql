{% macro validate_raw_rows(relation, table_name, fx_rates=none) -%}
    {#- Every row of one raw table, typed, with its fate: `staged`,
        `duplicate` or `quarantined` (with the first reason of CONTRACT 1 that
        applies). Grain: one row per raw row. The contract (types, required,
        enums, key) is read from _raw__sources.yml. The known currencies of
        unknown_currency are those of the staged rows of `fx_rates`, the
        fx_rates base model (a base model reads no staging model).

        On DuckDB the base models are incremental (raw_rows_config): a
        build reads only the files it has not read, and decides again the
        fate of the rows whose decision key those files (or a file that
        changed or vanished) touch, and of the rows quarantined for a
        reason that can change (timestamp_out_of_range: the build's time
        moves; unknown_currency: fx_rates grows). The rows it decides
        replace those of the same decision keys (delete+insert); the
        post-hook delete_superseded_raw_rows removes the rest of what it
        superseded. Spark rebuilds the table. -#}
    {%- if not execute -%}
        select * from {{ relation }}
        {{ return('') }}
    {%- endif -%}
    {%- set spec = assist.raw_table_spec(table_name) -%}
    {%- set names = spec.columns | map(attribute='name') | list -%}
    {%- set has_key = spec.key | length > 0 -%}
    {%- set key_columns = spec.key if has_key
        else spec.columns | selectattr('required') | map(attribute='name') | list -%}
    {%- set identifiers = ['user_id', 'email_hash', 'device_id', 'anonymous_id']
        | select('in', names) | list -%}
    {%- set files_registered = assist.data_dir_files('raw_files') | length > 0 -%}
    {#- The row key: the typed key columns (every required column for a
        table without a key), as text. The decision key is the row key when
        every key column is present: the rows of one decision key are
        ranked together, so an incremental build re-decides them together;
        a row without it is quarantined (missing_required) on its own. -#}
    {%- set row_key_sql -%}
        concat_ws('|'
        {%- for column in spec.columns if column.name in key_columns -%}
            , coalesce(
                cast({{ assist.raw_typed_value(column) }} as {{ dbt.type_string() }}),
                {{ column.name }},
                ''
            )
        {%- endfor -%}
        )
    {%- endset -%}
    {%- set decision_key_sql -%}
        case
            when {% for name in key_columns %}{{ name }} is not null{{ ' and ' if not loop.last }}{% endfor %}
                then {{ row_key_sql }}
        end
    {%- endset -%}
    {%- set staging_settings = assist.raw_staging_settings() -%}
    {%- set build_at = var('build_at') -%}
    {%- set now_expression = "cast('" ~ build_at ~ "' as timestamp)" if build_at
        else 'cast(' ~ dbt.current_timestamp() ~ ' as timestamp)' -%}
    {%- set latest_allowed = dbt.dateadd('day', 1, now_expression) -%}
    {%- set increment = assist.raw_rows_increment(
        relation, spec, key_columns, decision_key_sql, latest_allowed, fx_rates
    ) if files_registered else none -%}

with

source_rows as (
    select * from {{ relation }}
    {%- if increment is not none %}
    {#- An incremental build reads the files it has not read (new, or
        changed since) and, of the files it has read, those holding rows
        whose fate it must decide again (raw_rows_increment). #}
    where source_file in (
        {%- for path in increment.read_files + increment.key_files %}
        '{{ path | replace("'", "''") }}'{{ "," if not loop.last }}
        {%- else %}
        null
        {%- endfor %}
    )
    {%- endif %}
),

{%- if fx_rates is not none %}

fx_currencies as (
    select distinct currency from {{ fx_rates }}
    where row_status = 'staged'
),
{%- endif %}

trimmed as (
    select
    {%- for name in names %}
        nullif(trim(cast({{ name }} as {{ dbt.type_string() }})), '')
            as {{ name }},
    {%- endfor %}
    {%- if files_registered %}
        source_file,
        source_file_size,
        source_file_modified_at
    {%- else %}
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as bigint) as source_file_size,
        cast(null as timestamp) as source_file_modified_at
    {%- endif %}
    from source_rows
),

typed as (
    select
        source_file,
        source_file_size,
        source_file_modified_at,
        {{ row_key_sql }} as row_key,
        {{ decision_key_sql }} as decision_key,
    {%- if not has_key %}
        {#- No key: a row is a duplicate of another with the same values
            once typed and normalised. #}
        concat_ws('|'
        {%- for column in spec.columns -%}
            , coalesce(cast({{ assist.raw_typed_value(column) }} as {{ dbt.type_string() }}), '<null>')
        {%- endfor -%}
        ) as dedupe_key,
    {%- endif %}
    {%- for column in spec.columns %}
        {{ column.name }} as {{ column.name }}__text,
        {{ assist.raw_typed_value(column) }}
            as {{ column.name }}{{ "," if not loop.last }}
    {%- endfor %}
    from trimmed
),
{%- if increment is not none %}

touched_keys as (
    {#- The decision keys whose rows this build decides: those of the rows
        of the files read, of the rows read before from a file that has
        changed or gone, and of the rows whose quarantine reason depends on
        the build's time or the fx rates. -#}
    select decision_key from typed
    where
        decision_key is not null
        and source_file in (
            {%- for path in increment.read_files %}
            '{{ path | replace("'", "''") }}'{{ "," if not loop.last }}
            {%- else %}
            null
            {%- endfor %}
        )
    union
    select decision_key from {{ this }}
    where
        decision_key is not null
        and (
            {{ assist.raw_revalidated_rows(spec, latest_allowed, fx_rates) }}
            or source_file in (
                {%- for path in increment.removed_files %}
                '{{ path | replace("'", "''") }}'{{ "," if not loop.last }}
                {%- else %}
                null
                {%- endfor %}
            )
        )
),

deciding as (
    select * from typed
    where
        source_file in (
            {%- for path in increment.read_files %}
            '{{ path | replace("'", "''") }}'{{ "," if not loop.last }}
            {%- else %}
            null
            {%- endfor %}
        )
        or decision_key in (select decision_key from touched_keys)
),
{%- else %}

deciding as (
    select * from typed
),
{%- endif %}

checked as (
    select
        *,
        case
            when {{ assist.raw_check_any(spec.columns | selectattr('required') | list,
                "{name}__text is null") }}
                then 'missing_required'
            when {{ assist.raw_check_any(spec.columns
                | selectattr('type', 'in', ['timestamp', 'date', 'number', 'boolean']) | list,
                "({name}__text is not null and {name} is null)") }}
                then 'unparseable'
            {%- for column in spec.columns if column.type == 'enum' %}
            when {{ column.name }} not in (
                '{{ column['values'] | join("', '") }}'
            )
                then 'unknown_enum'
            {%- endfor %}
            when {{ assist.raw_check_any(spec.columns
                | selectattr('type', 'in', ['timestamp', 'date']) | list,
                "(cast({name} as timestamp) < cast('2000-01-01' as timestamp) or cast({name} as timestamp) > "
                ~ latest_allowed ~ ")") }}
                then 'timestamp_out_of_range'
            when {{ assist.raw_check_any(spec.columns | selectattr('non_negative') | list,
                "{name} < 0") }}
                then 'negative_revenue'
            {%- for column in spec.columns if column.type == 'currency' %}
            when {{ column.name }} <> '{{ var("reporting_currency") | upper }}'
                {%- if fx_rates is not none %}
                and {{ column.name }} not in (select currency from fx_currencies)
                {%- endif %}
                then 'unknown_currency'
            {%- endfor %}
            {%- if spec.needs_identifier %}
            when coalesce({{ identifiers | join(', ') }}) is null
                then 'no_identifier'
            {%- endif %}
        end as invalid_reason
    from deciding
),

counted as (
    {#- How many rows share the key (among the valid or the invalid rows):
        most keys have one row, which needs no raw-row comparison. #}
    select
        source_file,
        source_file_size,
        source_file_modified_at,
        row_key,
        decision_key,
        {{- ' dedupe_key,' if not has_key }}
        invalid_reason,
        count(*) over (
            partition by
                invalid_reason is null,
                {{ 'row_key' if has_key else 'dedupe_key' }}
        ) as key_rows,
    {%- for name in names %}
        {{ name }}__text,
        {{ name }}{{ "," if not loop.last }}
    {%- endfor %}
    from checked
),

with_raw_row as (
    {#- The raw row as JSON, for the rows that can reach audit_quarantine or
        need comparing with the kept row of their key: invalid rows and the
        rows of keys with more than one valid row (a few per cent). -#}
    select
        *,
        case
            when invalid_reason is not null or key_rows > 1
                then {{ assist.row_to_json(names, suffix='__text') }}
        end as raw_row
    from counted
),

ranked as (
    {#- One pass: valid rows are ranked among the valid rows of their key
        (partition by validity first); the ranks of invalid rows are never
        read. (A union of the valid and the invalid rows made Spark plan and
        compute `checked` twice, ten times slower.) #}
    select
        *,
        row_number() over (
            partition by
                invalid_reason is null,
                {{ 'row_key' if has_key else 'dedupe_key' }}
            order by
                {{ spec.order_by ~ ' nulls last, ' if spec.order_by }}raw_row,
                source_file
        ) as key_rank,
        first_value(raw_row) over (
            partition by
                invalid_reason is null,
                {{ 'row_key' if has_key else 'dedupe_key' }}
            order by
                {{ spec.order_by ~ ' nulls last, ' if spec.order_by }}raw_row,
                source_file
        ) as kept_raw_row
    from with_raw_row
),

fates as (
    select
        *,
        case
            when invalid_reason is not null then 'quarantined'
            when key_rank = 1 then 'staged'
            {%- if has_key %}
            when raw_row = kept_raw_row then 'duplicate'
            else 'quarantined'
            {%- else %}
            else 'duplicate'
            {%- endif %}
        end as row_status,
        case
            when invalid_reason is not null then invalid_reason
            {%- if has_key %}
            when key_rank > 1 and raw_row <> kept_raw_row
                then 'conflicting_duplicate'
            {%- endif %}
        end as quarantine_reason
    from ranked
),

final as (
    select
        '{{ table_name }}' as source_table,
        row_key,
        row_status,
        quarantine_reason,
        raw_row,
    {%- for name in names %}
        {{ name }},
    {%- endfor %}
        decision_key,
        source_file,
        source_file_size,
        source_file_modified_at,
        '{{ invocation_id }}' as loaded_in_run,
        {{ assist.build_started_at() }} as loaded_at,
        '{{ staging_settings }}' as staging_settings
    from fates
)

select * from final
{%- endmacro %}
