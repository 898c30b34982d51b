{# grain: one row per person_id to recompute in the person-scoped
   incremental models #}
{#- Persons whose fingerprint differs from the one recorded by the last
    complete build (int_person_fingerprints), including new persons and
    persons that no longer exist (merged into another by a new identity
    link). With no record, or on --full-refresh, every person. The record
    is read by name, not ref(): it is written at the end of the build. -#}
{%- set recorded = none -%}
{%- if execute and not flags.FULL_REFRESH -%}
    {%- set recorded = adapter.get_relation(
        database=this.database,
        schema=this.schema,
        identifier='int_person_fingerprints',
    ) -%}
{%- endif %}
with

current_fingerprints as (
    select * from {{ ref('int_person_fingerprints_current') }}
),

{%- if recorded is not none %}

recorded_fingerprints as (
    select * from {{ recorded }}
),

changed as (
    select
        coalesce(
            current_fingerprints.person_id, recorded_fingerprints.person_id
        ) as person_id
    from current_fingerprints
    full outer join recorded_fingerprints
        on current_fingerprints.person_id = recorded_fingerprints.person_id
    where
        current_fingerprints.person_id is null
        or recorded_fingerprints.person_id is null
        or current_fingerprints.fingerprint <> recorded_fingerprints.fingerprint
),
{%- else %}

changed as (
    select person_id from current_fingerprints
),
{%- endif %}

final as (
    select person_id from changed
)

select * from final
