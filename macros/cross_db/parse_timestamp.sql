{% macro parse_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_timestamp', 'assist')(expression)) }}
{%- endmacro %}

{#- ISO 8601 text (date, or date and time with an optional offset; no offset
    means UTC) to a UTC timestamp; anything else is null. The shape is checked
    first so that every engine accepts and rejects the same strings. -#}
{% macro default__parse_timestamp(expression) -%}
    case
        when {{ assist.regex_matches(expression, "'" ~ assist.iso_timestamp_pattern() ~ "'") }}
            then {{ assist.try_cast(expression, 'timestamp') }}
    end
{%- endmacro %}

{% macro duckdb__parse_timestamp(expression) -%}
    case
        when {{ assist.regex_matches(expression, "'" ~ assist.iso_timestamp_pattern() ~ "'") }}
            then cast(try_cast({{ expression }} as timestamptz) as timestamp)
    end
{%- endmacro %}

{#- Spark's cast accepts a different set of ISO strings than DuckDB's
    (no `HH:MM` with an offset, no `24:00`, offsets only up to 18 hours, a
    date with an offset), so the text is taken apart and rebuilt: the local
    date and time cast with a `Z` (UTC whatever the session time zone), then
    the offset subtracted, as DuckDB's timestamptz cast reads it (lower-case
    `z` and a date with an offset but no time are rejected there too). -#}
{% macro spark__parse_timestamp(expression) -%}
    {%- set shape = '^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})'
        ~ '(?::([0-9]{2})([.][0-9]{1,9})?)?)?(z|Z|([+-])([0-9]{2}):?([0-9]{2})?)?$' -%}
    {%- set part = {} -%}
    {%- for group in range(1, 10) -%}
        {%- do part.update({group: "nullif(regexp_extract(" ~ expression ~ ", '"
            ~ shape ~ "', " ~ group ~ "), '')"}) -%}
    {%- endfor -%}
    {%- set local_text -%}
        concat(
            {{ part[1] }}, ' ',
            case when {{ part[2] }} = '24' then '00'
                else coalesce({{ part[2] }}, '00') end, ':',
            coalesce({{ part[3] }}, '00'), ':',
            coalesce({{ part[4] }}, '00'),
            coalesce({{ part[5] }}, ''), 'Z'
        )
    {%- endset -%}
    {%- set offset_minutes -%}
        (case {{ part[7] }} when '+' then 1 when '-' then -1 else 0 end
            * (coalesce({{ assist.try_cast(part[8], 'int') }}, 0) * 60
                + coalesce({{ assist.try_cast(part[9], 'int') }}, 0)))
    {%- endset -%}
    case
        when not {{ assist.regex_matches(expression, "'" ~ assist.iso_timestamp_pattern() ~ "'") }}
            then null
        when {{ part[6] }} = 'z' then null
        when {{ part[2] }} is null and {{ part[6] }} is not null then null
        when {{ part[2] }} = '24' and not (
            {{ part[3] }} = '00'
            and coalesce({{ part[4] }}, '00') = '00'
            and coalesce({{ part[5] }}, '.0') rlike '^[.]0+$'
        ) then null
        else timestampadd(minute, -{{ offset_minutes }}, timestampadd(hour,
            case when {{ part[2] }} = '24' then 24 else 0 end,
            {{ assist.try_cast(local_text, 'timestamp') }}))
    end
{%- endmacro %}
