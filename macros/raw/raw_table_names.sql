{% macro raw_table_names() -%}
    {#- The raw tables of CONTRACT 1, in contract order. Known at parse time
        (models ref one model per table); a pytest checks it against
        _raw__sources.yml. -#}
    {{ return([
        'message_events', 'app_events', 'web_events', 'orders',
        'identity_links', 'consents', 'campaigns', 'holdout_assignments',
        'costs', 'fx_rates',
    ]) }}
{%- endmacro %}
