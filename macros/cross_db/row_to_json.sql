{% macro row_to_json(columns, suffix='') -%}
    {{ return(adapter.dispatch('row_to_json', 'assist')(columns, suffix)) }}
{%- endmacro %}

{#- A JSON object of the named text columns, nulls included, keys in the
    given order; the values are read from the columns named with `suffix`
    appended (`event_id__text` for key `event_id`). -#}
{% macro default__row_to_json(columns, suffix='') -%}
    to_json(
        named_struct(
        {%- for column in columns %}
            '{{ column }}', {{ column ~ suffix }}{{ "," if not loop.last }}
        {%- endfor %}
        ),
        map('ignoreNullFields', 'false')
    )
{%- endmacro %}

{% macro duckdb__row_to_json(columns, suffix='') -%}
    cast(to_json(struct_pack(
    {%- for column in columns %}
        "{{ column }}" := {{ column ~ suffix }}{{ "," if not loop.last }}
    {%- endfor %}
    )) as varchar)
{%- endmacro %}
