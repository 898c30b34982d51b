{# grain: one row per raw web_events row, with its fate
   (staged, duplicate or quarantined) #}
{{ config(**assist.raw_rows_config()) }}

{{ validate_raw_rows(
    source('raw', 'web_events'),
    'web_events',
    fx_rates=ref('base_raw__fx_rates')
) }}
