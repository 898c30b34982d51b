{# grain: one row per person_id with person-level input rows #}
{#- A person's fingerprint: the count and hash-sum of their rows in every
    input of the person-scoped incremental models, followed by the
    fingerprint of what every person depends on (the settings of
    incremental_settings(), the incremental models' SQL, the config tables
    and fx rates). Equal fingerprints mean equal inputs (up to 64-bit hash
    collisions). -#}
{%- set person_inputs = [
    ref('int_message_events_stitched'),
    ref('int_app_events_stitched'),
    ref('int_web_events_stitched'),
    ref('int_person_consents'),
    ref('int_conversions_deduplicated'),
] -%}
{%- set shared_inputs = [
    ref('stg_config__channel_rules'),
    ref('stg_config__source_categories'),
    ref('stg_config__conversion_types'),
    ref('stg_config__lookback_window_history'),
    ref('stg_config__conversion_period_history'),
    ref('stg_raw__fx_rates'),
] -%}
{%- set settings_text = tojson(assist.incremental_settings()) ~ '|'
    ~ assist.incremental_models_checksum() -%}
with

person_rows as (
    {%- for relation in person_inputs %}
    select
        person_id,
        {{ assist.row_hash(relation) }} as row_hash
    from {{ relation }}
    where person_id is not null
    {{- '\n    union all' if not loop.last }}
    {%- endfor %}
),

shared_rows as (
    {%- for relation in shared_inputs %}
    select
        {{ loop.index }} as input_number,
        {{ assist.row_hash(relation) }} as row_hash
    from {{ relation }}
    {{- '\n    union all' if not loop.last }}
    {%- endfor %}
),

shared_fingerprint as (
    select
        {{ dbt.concat([
            "'" ~ local_md5(settings_text) ~ "'",
            "':'",
            "cast(count(*) as " ~ dbt.type_string() ~ ")",
            "':'",
            "coalesce(" ~ assist.hash_sum('row_hash') ~ ", '0')",
        ]) }} as fingerprint
    from shared_rows
),

person_fingerprints as (
    select
        person_id,
        {{ dbt.concat([
            "cast(count(*) as " ~ dbt.type_string() ~ ")",
            "':'",
            assist.hash_sum('row_hash'),
        ]) }} as fingerprint
    from person_rows
    group by person_id
),

final as (
    select
        person_fingerprints.person_id,
        {{ dbt.concat([
            'person_fingerprints.fingerprint',
            "'|'",
            'shared_fingerprint.fingerprint',
        ]) }} as fingerprint
    from person_fingerprints
    cross join shared_fingerprint
)

select * from final
