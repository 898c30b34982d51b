{# grain: one row per identifier (identifier_type x identifier) of the
   identity graph: the identifiers of the staged message, app, web and order
   rows and of the identity links #}
{#- The graph is resolved step by step (scratch tables, dropped after the
    build by the post-hook); see macros resolve_identities and
    connected_components. An incremental build writes only the identifiers
    whose person, is_shared or linked_user_count changed, or that are new
    (resolved_at: this build), and removes those that left the graph
    (macro person_identifiers_config). -#}
{{ config(**assist.person_identifiers_config()) }}
with

resolved as (
    {{ assist.resolve_identities(
        observed=[
            {
                'relation': ref('stg_raw__message_events'),
                'identifiers': [
                    'user_id', 'email_hash', 'device_id', 'anonymous_id'
                ],
            },
            {
                'relation': ref('stg_raw__app_events'),
                'identifiers': ['user_id', 'device_id'],
            },
            {
                'relation': ref('stg_raw__web_events'),
                'identifiers': ['user_id', 'anonymous_id'],
            },
            {
                'relation': ref('stg_raw__orders'),
                'identifiers': [
                    'user_id', 'email_hash', 'device_id', 'anonymous_id'
                ],
            },
        ],
        links=ref('stg_raw__identity_links'),
        max_users_per_device=var('max_users_per_device'),
    ) | indent(4) }}
),
{%- if is_incremental() %}

recorded as (
    select * from {{ this }}
),

changed as (
    {#- New identifiers and those resolved otherwise than recorded; an
        identifier that left the graph (its rows and links are gone) is
        written with a null person_id, which the post-hook deletes. #}
    select
        coalesce(resolved.identifier_type, recorded.identifier_type)
            as identifier_type,
        coalesce(resolved.identifier, recorded.identifier) as identifier,
        resolved.person_id,
        resolved.is_shared,
        resolved.linked_user_count
    from resolved
    full outer join recorded
        on resolved.identifier_type = recorded.identifier_type
        and resolved.identifier = recorded.identifier
    where
        recorded.identifier is null
        or resolved.identifier is null
        or resolved.person_id <> recorded.person_id
        or resolved.is_shared <> recorded.is_shared
        or coalesce(resolved.linked_user_count, -1)
        <> coalesce(recorded.linked_user_count, -1)
),
{%- else %}

changed as (
    select * from resolved
),
{%- endif %}

final as (
    select
        identifier_type,
        identifier,
        person_id,
        is_shared,
        linked_user_count,
        {{ assist.build_started_at() }} as resolved_at
    from changed
)

select * from final
