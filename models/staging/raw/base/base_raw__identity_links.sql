{# grain: one row per raw identity_links row, with its fate
   (staged, duplicate or quarantined) #}
{{ config(**assist.raw_rows_config()) }}

{{ validate_raw_rows(
    source('raw', 'identity_links'),
    'identity_links'
) }}
