{% macro raw_relation_columns(spec, present_columns) -%}
    {#- The select list of a raw relation over files with these columns:
        every contract column as text, in contract order; a column the files
        lack is null; a raw `email` column only ever leaves the file as its
        hash (when email_hash is null); extra columns are ignored. Column
        names match case-insensitively. -#}
    {%- set text = dbt.type_string() -%}
    {%- set by_lower = {} -%}
    {%- for name in present_columns if (name | lower) not in by_lower -%}
        {%- do by_lower.update({name | lower: name}) -%}
    {%- endfor -%}
    {%- for column in spec.columns %}
        {%- set actual = by_lower.get(column.name) %}
        {%- set value = 'cast(' ~ adapter.quote(actual) ~ ' as ' ~ text ~ ')'
            if actual else 'cast(null as ' ~ text ~ ')' %}
        {%- if column.name == 'email_hash' and 'email' in by_lower %}
        {%- set email = 'nullif(trim(cast(' ~ adapter.quote(by_lower['email'])
            ~ ' as ' ~ text ~ ')), \'\')' %}
        coalesce(
            {{ value }},
            {{ assist.sha256_hex('lower(' ~ email ~ ')') }}
        ) as {{ column.name }}
        {%- else %}
        {{ value }} as {{ column.name }}
        {%- endif %}{{ "," if not loop.last }}
    {%- endfor %}
{%- endmacro %}
