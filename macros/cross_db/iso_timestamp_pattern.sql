{% macro iso_timestamp_pattern() -%}
    {#- Written without backslashes: engines escape them differently. -#}
    ^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?$
{%- endmacro %}
