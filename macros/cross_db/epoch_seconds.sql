{% macro epoch_seconds(timestamp) -%}
    {{ return(adapter.dispatch('epoch_seconds', 'assist')(timestamp)) }}
{%- endmacro %}

{#- Seconds since 1970-01-01 00:00:00 UTC of a (UTC) timestamp, as a double
    with the fraction of a second: differences of two of them are exact
    second counts, so window boundaries can be compared inclusively. -#}
{% macro default__epoch_seconds(timestamp) -%}
    extract(epoch from {{ timestamp }})
{%- endmacro %}

{% macro duckdb__epoch_seconds(timestamp) -%}
    epoch({{ timestamp }})
{%- endmacro %}

{% macro spark__epoch_seconds(timestamp) -%}
    (cast(unix_micros({{ timestamp }}) as double) / 1000000)
{%- endmacro %}
