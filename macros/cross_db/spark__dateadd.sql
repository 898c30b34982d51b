{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    {#- Overrides dbt-spark's dateadd, which goes through unix seconds (it
        drops the microseconds) and shifts days in the session time zone.
        Like DuckDB's (timestamp + n * interval 1 <unit>): microseconds are
        kept, a day is 24 hours and a week 7 days; months, quarters and years
        are calendar months (the day clamped to the month's end); a date
        becomes a timestamp at midnight. -#}
    {%- set unit = datepart | lower -%}
    {%- set hours = {'day': 24, 'week': 168} -%}
    {%- set units = {
        'year': 'year', 'quarter': 'quarter', 'month': 'month',
        'hour': 'hour', 'minute': 'minute', 'second': 'second',
        'millisecond': 'millisecond', 'microsecond': 'microsecond',
    } -%}
    {%- if unit in hours -%}
        timestampadd(hour, cast({{ interval }} as bigint) * {{ hours[unit] }},
            cast({{ from_date_or_timestamp }} as timestamp))
    {%- elif unit in units -%}
        timestampadd({{ units[unit] }}, cast({{ interval }} as bigint),
            cast({{ from_date_or_timestamp }} as timestamp))
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "dateadd: unsupported datepart '" ~ datepart ~ "' on Spark") }}
    {%- endif -%}
{%- endmacro %}
