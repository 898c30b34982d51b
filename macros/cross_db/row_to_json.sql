{% macro row_to_json(columns) -%}
    {{ return(adapter.dispatch('row_to_json', 'assist')(columns)) }}
{%- endmacro %}

{#- A JSON object of the named text columns, nulls included, keys in the
    given order. -#}
{% macro default__row_to_json(columns) -%}
    to_json(
        named_struct(
        {%- for column in columns %}
            '{{ column }}', {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
        ),
        map('ignoreNullFields', 'false')
    )
{%- endmacro %}

{% macro duckdb__row_to_json(columns) -%}
    cast(to_json(struct_pack(
    {%- for column in columns %}
        "{{ column }}" := {{ column }}{{ "," if not loop.last }}
    {%- endfor %}
    )) as varchar)
{%- endmacro %}
