{% macro message_channels() -%}
    {#- The message channels of the engagement platform (CONTRACT 1 and 7):
        the channels of message_events, whose assists are
        message_to_<conversion platform>. -#}
    {{ return(['app_push', 'web_push', 'in_app', 'email', 'sms', 'kakao']) }}
{%- endmacro %}
