{# grain: one row per raw holdout_assignments row, with its fate
   (staged, duplicate or quarantined) #}
{{ config(**assist.raw_rows_config()) }}

{{ validate_raw_rows(
    source('raw', 'holdout_assignments'),
    'holdout_assignments'
) }}
