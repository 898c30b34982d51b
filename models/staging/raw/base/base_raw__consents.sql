{# grain: one row per raw consents row, with its fate
   (staged, duplicate or quarantined) #}
{{ validate_raw_rows(
    source('raw', 'consents'),
    'consents'
) }}
