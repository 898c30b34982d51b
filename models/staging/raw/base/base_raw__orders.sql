{# grain: one row per raw orders row, with its fate
   (staged, duplicate or quarantined) #}
{{ validate_raw_rows(
    source('raw', 'orders'),
    'orders',
    known_currencies=ref('stg_raw__fx_rates')
) }}
