{% macro accepted_channels(include_unattributed=false) -%}
    {#- The contract's channels (CONTRACT 3), the one list every channel
        column is tested against. `unattributed` is only a credit's channel
        (a conversion without eligible touch), so it is opt-in. -#}
    {%- set channels = [
        'direct',
        'organic_search',
        'paid_search',
        'organic_social',
        'paid_social',
        'organic_video',
        'paid_video',
        'organic_shopping',
        'paid_shopping',
        'display',
        'paid_other',
        'cross_network',
        'referral',
        'affiliate',
        'audio',
        'email',
        'sms',
        'kakao',
        'app_push',
        'web_push',
        'in_app',
        'unassigned',
    ] -%}
    {%- if include_unattributed -%}
        {%- set channels = channels + ['unattributed'] -%}
    {%- endif -%}
    {{ return(channels) }}
{%- endmacro %}
