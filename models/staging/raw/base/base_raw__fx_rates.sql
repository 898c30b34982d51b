{# grain: one row per raw fx_rates row, with its fate
   (staged, duplicate or quarantined) #}
{{ config(**assist.raw_rows_config()) }}

{{ validate_raw_rows(
    source('raw', 'fx_rates'),
    'fx_rates'
) }}
