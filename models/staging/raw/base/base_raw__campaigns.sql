{# grain: one row per raw campaigns row, with its fate
   (staged, duplicate or quarantined) #}
{{ validate_raw_rows(
    source('raw', 'campaigns'),
    'campaigns'
) }}
