{# grain: one row per raw campaigns row, with its fate
   (staged, duplicate or quarantined) #}
{{ config(**assist.raw_rows_config()) }}

{{ validate_raw_rows(
    source('raw', 'campaigns'),
    'campaigns'
) }}
