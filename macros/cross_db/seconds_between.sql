{% macro seconds_between(start_timestamp, end_timestamp) -%}
    {{ return(adapter.dispatch('seconds_between', 'assist')(
        start_timestamp, end_timestamp)) }}
{%- endmacro %}

{#- Elapsed seconds from start to end as a double, exact to the microsecond
    (fractions kept, never rounded to whole seconds); negative when end is
    earlier; null when either side is null. -#}
{% macro default__seconds_between(start_timestamp, end_timestamp) -%}
    cast(extract(epoch from (
        {{ end_timestamp }} - {{ start_timestamp }}
    )) as double precision)
{%- endmacro %}

{% macro duckdb__seconds_between(start_timestamp, end_timestamp) -%}
    (cast(epoch_us({{ end_timestamp }}) - epoch_us({{ start_timestamp }})
        as double) / 1000000)
{%- endmacro %}

{#- unix_timestamp() would drop the fractions: unix_micros keeps them. -#}
{% macro spark__seconds_between(start_timestamp, end_timestamp) -%}
    (cast(unix_micros(cast({{ end_timestamp }} as timestamp))
        - unix_micros(cast({{ start_timestamp }} as timestamp)) as double)
        / 1000000)
{%- endmacro %}
