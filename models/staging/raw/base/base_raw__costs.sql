{# grain: one row per raw costs row, with its fate
   (staged, duplicate or quarantined) #}
{{ validate_raw_rows(
    source('raw', 'costs'),
    'costs',
    known_currencies=ref('stg_raw__fx_rates')
) }}
