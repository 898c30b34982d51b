{# grain: one row per raw identity_links row, with its fate
   (staged, duplicate or quarantined) #}
{{ validate_raw_rows(
    source('raw', 'identity_links'),
    'identity_links'
) }}
