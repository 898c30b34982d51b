{# grain: one row per raw costs row, with its fate
   (staged, duplicate or quarantined) #}
{{ config(**assist.raw_rows_config()) }}

{{ validate_raw_rows(
    source('raw', 'costs'),
    'costs',
    fx_rates=ref('base_raw__fx_rates')
) }}
