{# grain: one row per raw orders row, with its fate
   (staged, duplicate or quarantined) #}
{{ config(**assist.raw_rows_config()) }}

{{ validate_raw_rows(
    source('raw', 'orders'),
    'orders',
    fx_rates=ref('base_raw__fx_rates')
) }}
