{# grain: one row per person_id #}
{#- The fingerprints the person-scoped incremental models were last built
    from: written after all of them (the depends_on lines below), so a build
    that fails or is killed before the end leaves the previous record, and
    the next build recomputes those persons again. -#}
-- depends_on: {{ ref('int_message_touches_selected') }}
-- depends_on: {{ ref('int_app_sessions_sessionized') }}
-- depends_on: {{ ref('int_web_sessions_sessionized') }}
-- depends_on: {{ ref('int_sessions_qualified') }}
-- depends_on: {{ ref('int_touches_stitched') }}
-- depends_on: {{ ref('int_touches_consented') }}
-- depends_on: {{ ref('int_conversion_paths') }}
-- depends_on: {{ ref('int_journey_steps') }}
-- depends_on: {{ ref('int_journeys') }}
with

current_fingerprints as (
    select * from {{ ref('int_person_fingerprints_current') }}
),

final as (
    select
        person_id,
        fingerprint
    from current_fingerprints
)

select * from final
