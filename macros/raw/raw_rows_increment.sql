{% macro raw_staging_settings() -%}
    {#- The settings a base model's fates depend on besides the data and the
        build's time: stored on each row (staging_settings); a change makes
        the next build decide every row again. -#}
    {{ return('reporting_currency=' ~ var('reporting_currency') | upper) }}
{%- endmacro %}

{% macro raw_revalidated_rows(spec, latest_allowed, fx_rates=none) -%}
    {#- A condition on a base model's rows (typed columns): rows whose
        fate may differ on this build although none of their files
        changed. Quarantined as timestamp_out_of_range with every timestamp
        now in range (the upper bound is one day after the build); as
        unknown_currency with every currency now known; and valid rows with
        a currency fx_rates no longer has. -#}
    {%- set reporting = var('reporting_currency') | upper -%}
    {%- set known -%}
        (select currency from {{ fx_rates }} where row_status = 'staged')
    {%- endset -%}
    {%- set times = spec.columns | selectattr('type', 'in', ['timestamp', 'date'])
        | map(attribute='name') | list -%}
    {%- set currencies = spec.columns | selectattr('type', 'equalto', 'currency')
        | map(attribute='name') | list -%}
    (
        (
            quarantine_reason = 'timestamp_out_of_range'
            {%- for name in times %}
            and (
                {{ name }} is null
                or cast({{ name }} as timestamp)
                between cast('2000-01-01' as timestamp) and {{ latest_allowed }}
            )
            {%- endfor %}
        )
        {%- for name in currencies %}
        or (
            quarantine_reason = 'unknown_currency'
            and ({{ name }} = '{{ reporting }}'
                {%- if fx_rates is not none %} or {{ name }} in {{ known }}{% endif %})
        )
        or (
            (quarantine_reason is null or quarantine_reason = 'conflicting_duplicate')
            and {{ name }} is not null
            and {{ name }} <> '{{ reporting }}'
            {%- if fx_rates is not none %}
            and {{ name }} not in {{ known }}
            {%- endif %}
        )
        {%- endfor %}
    )
{%- endmacro %}

{% macro raw_rows_increment(
    relation, spec, key_columns, decision_key_sql, latest_allowed, fx_rates=none
) -%}
    {#- What an incremental build of a base model reads (DuckDB), or none
        when it must read every file (no earlier build, --full-refresh, a
        changed setting, rows not read from a file):
        {read_files: files of the listing (<raw_schema>.delivered_files)
         whose path, size and modification time it has not read,
         removed_files: files it has read that changed or are gone,
         key_files: files it has read (unchanged) holding rows of a decision
         key it must decide again}. A changed or vanished file is logged. -#}
    {%- if not execute or not is_incremental() -%}{{ return(none) }}{%- endif -%}
    {%- set settings = run_query('select distinct staging_settings from ' ~ this
        ~ ' union all select distinct \'<no file>\' from ' ~ this
        ~ ' where source_file is null') -%}
    {%- for row in settings.rows if row[0] != assist.raw_staging_settings() -%}
        {%- do log(this.identifier ~ ': ' ~ ('rows not read from files'
            if row[0] == '<no file>' else 'settings changed')
            ~ ', every file is read again', info=true) -%}
        {{ return(none) }}
    {%- endfor -%}

    {%- set version = "source_file || '|' || cast(source_file_size as varchar)"
        ~ " || '|' || cast(source_file_modified_at as varchar)" -%}
    {%- set listing = run_query('select source_file, ' ~ version ~ ' from '
        ~ var('raw_schema') ~ ".delivered_files where source_table = '"
        ~ spec.name ~ "'") -%}
    {%- set ledger = run_query('select source_file, ' ~ version ~ ' from '
        ~ this ~ ' where source_file is not null group by all') -%}
    {%- set listed = listing.columns[1].values() | list -%}
    {%- set read = ledger.columns[1].values() | list -%}
    {%- set read_files = [] -%}
    {%- for row in listing.rows if row[1] not in read -%}
        {%- do read_files.append(row[0]) -%}
    {%- endfor -%}
    {%- set removed_files = [] -%}
    {%- for row in ledger.rows if row[1] not in listed -%}
        {%- do removed_files.append(row[0]) -%}
        {%- do log(this.identifier ~ ': ' ~ row[0] ~ (' changed since it was read:'
            ~ ' its rows are read again' if row[0] in read_files
            else ' is gone: its rows are removed'), info=true) -%}
    {%- endfor -%}

    {%- set quoted = namespace(read='null', removed='null') -%}
    {%- if read_files -%}
        {%- set quoted.read = "'" ~ read_files | map('replace', "'", "''")
            | join("', '") ~ "'" -%}
    {%- endif -%}
    {%- if removed_files -%}
        {%- set quoted.removed = "'" ~ removed_files | map('replace', "'", "''")
            | join("', '") ~ "'" -%}
    {%- endif -%}
    {%- set key_query -%}
    with

    read_rows as (
        select
        {%- for name in key_columns %}
            nullif(trim(cast({{ name }} as {{ dbt.type_string() }})), '')
                as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
        from {{ relation }}
        where source_file in ({{ quoted.read }})
    ),

    touched_keys as (
        select {{ decision_key_sql }} as decision_key from read_rows
        union
        select decision_key from {{ this }}
        where
            source_file in ({{ quoted.removed }})
            or {{ assist.raw_revalidated_rows(spec, latest_allowed, fx_rates) }}
    )

    select distinct source_file from {{ this }}
    where
        decision_key in (select decision_key from touched_keys)
        {%- if removed_files %}
        and source_file not in ({{ quoted.removed }})
        {%- endif %}
    {%- endset -%}
    {%- set key_files = run_query(key_query).columns[0].values() | list -%}
    {{ return({
        'read_files': read_files,
        'removed_files': removed_files,
        'key_files': key_files | sort,
    }) }}
{%- endmacro %}

{% macro raw_rows_config() -%}
    {{ return(adapter.dispatch('raw_rows_config', 'assist')()) }}
{%- endmacro %}

{#- A base model's config. DuckDB: incremental (macro validate_raw_rows):
    the rows it decides replace those of the same decision keys, and the
    post-hook removes what they superseded; the build's row-local data
    tests read only the rows it decided (macro rows_under_test). -#}
{% macro default__raw_rows_config() -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': 'decision_key',
        'on_schema_change': 'fail',
        'post_hook': "{{ assist.delete_superseded_raw_rows() }}",
        'meta': {'rows_written': {'written_at': 'loaded_at'}},
    }) }}
{%- endmacro %}

{#- Spark's Parquet tables cannot delete rows: a table, every row staged on
    each build. -#}
{% macro spark__raw_rows_config() -%}
    {{ return({'materialized': 'table'}) }}
{%- endmacro %}

{% macro delete_superseded_raw_rows() -%}
    {#- Post-hook of an incremental base model: deletes the rows an earlier
        build loaded that this one superseded without replacing them by
        decision key: rows of a file version no longer delivered (changed
        or gone), every earlier row when the raw relations are not files,
        and rows without a decision key of a file read again in full. -#}
    {%- if not execute or not is_incremental() -%}{{ return('') }}{%- endif -%}
    {%- set table_name = this.identifier | replace('base_raw__', '') -%}
    delete from {{ this }} as loaded
    where
        loaded_in_run <> '{{ invocation_id }}'
        {%- if assist.data_dir_files('raw_files') | length > 0 %}
        and (
            not exists (
                select 1 from {{ var('raw_schema') }}.delivered_files as delivered
                where
                    delivered.source_table = '{{ table_name }}'
                    and delivered.source_file = loaded.source_file
                    and delivered.source_file_size = loaded.source_file_size
                    and delivered.source_file_modified_at
                    = loaded.source_file_modified_at
            )
            or (
                loaded.decision_key is null
                and loaded.source_file in (
                    select source_file from {{ this }}
                    where
                        loaded_in_run = '{{ invocation_id }}'
                        and decision_key is null
                )
            )
        )
        {%- endif %}
{%- endmacro %}
