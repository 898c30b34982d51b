{% macro spark__datediff(first_date, second_date, datepart) -%}
    {#- Overrides dbt-spark's datediff (elapsed time rounded up or down) with
        DuckDB's meaning (date_diff on timestamps): the number of <datepart>
        boundaries crossed from first_date to second_date, in UTC; weeks as
        dbt-duckdb counts them. Null when either side is null. -#}
    {%- set unit = datepart | lower -%}
    {%- set first = 'cast(' ~ first_date ~ ' as timestamp)' -%}
    {%- set second = 'cast(' ~ second_date ~ ' as timestamp)' -%}
    {%- set micros = {
        'hour': 3600000000, 'minute': 60000000, 'second': 1000000,
        'millisecond': 1000, 'microsecond': 1,
    } -%}
    {%- if unit == 'year' -%}
        (year({{ second }}) - year({{ first }}))
    {%- elif unit == 'quarter' -%}
        ((year({{ second }}) * 4 + quarter({{ second }}))
            - (year({{ first }}) * 4 + quarter({{ first }})))
    {%- elif unit == 'month' -%}
        ((year({{ second }}) * 12 + month({{ second }}))
            - (year({{ first }}) * 12 + month({{ first }})))
    {%- elif unit == 'day' -%}
        datediff(cast({{ second }} as date), cast({{ first }} as date))
    {%- elif unit == 'week' -%}
        (datediff(cast({{ second }} as date), cast({{ first }} as date)) div 7
            + case
                when dayofweek({{ first }}) <= dayofweek({{ second }})
                    then case when {{ first }} <= {{ second }} then 0 else -1 end
                else case when {{ first }} <= {{ second }} then 1 else 0 end
            end)
    {%- elif unit in micros -%}
        {%- set size = micros[unit] -%}
        ((unix_micros({{ second }}) - pmod(unix_micros({{ second }}), {{ size }})) div {{ size }}
            - (unix_micros({{ first }}) - pmod(unix_micros({{ first }}), {{ size }})) div {{ size }})
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "datediff: unsupported datepart '" ~ datepart ~ "' on Spark") }}
    {%- endif -%}
{%- endmacro %}
