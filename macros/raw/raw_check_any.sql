{% macro raw_check_any(columns, condition) -%}
    {#- `condition` (with {name} for the column) or-ed over the columns;
        false when there are none. -#}
    {%- if columns | length == 0 -%}
        false
    {%- else -%}
        ({% for column in columns %}{{ condition | replace('{name}', column.name) }}{{ ' or ' if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endmacro %}
