{# grain: one row per raw message_events row, with its fate
   (staged, duplicate or quarantined) #}
{{ config(**assist.raw_rows_config()) }}

{{ validate_raw_rows(
    source('raw', 'message_events'),
    'message_events'
) }}
