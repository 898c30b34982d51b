{# grain: one row per identifier (identifier_type x identifier) of the
   identity graph: the identifiers of the staged message, app, web and order
   rows and of the identity links #}
{#- The graph is resolved step by step (scratch tables, dropped after the
    build by the post-hook); see macros resolve_identities and
    connected_components. -#}
{{ config(
    post_hook="{{ assist.drop_scratch_relations(['nodes', 'labels']) }}",
) }}

{{ assist.resolve_identities(
    observed=[
        {
            'relation': ref('stg_raw__message_events'),
            'identifiers': ['user_id', 'email_hash', 'device_id', 'anonymous_id'],
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
            'identifiers': ['user_id', 'email_hash', 'device_id', 'anonymous_id'],
        },
    ],
    links=ref('stg_raw__identity_links'),
    max_users_per_device=var('max_users_per_device'),
) }}
