{% macro ordered_string_agg(value, order_by, delimiter) -%}
    {{ return(adapter.dispatch('ordered_string_agg', 'assist')(
        value, order_by, delimiter)) }}
{%- endmacro %}

{#- Aggregate: the group's non-null `value`s joined by the literal
    `delimiter`, in ascending order of `order_by` (which must be unique in
    the group: ties have no defined order). dbt.listagg cannot order on
    Spark, hence this macro. -#}
{% macro default__ordered_string_agg(value, order_by, delimiter) -%}
    string_agg({{ value }}, '{{ delimiter }}' order by {{ order_by }})
{%- endmacro %}

{#- collect_list has no order: sort (order_by, value) structs, keep values. -#}
{% macro spark__ordered_string_agg(value, order_by, delimiter) -%}
    array_join(transform(
        sort_array(collect_list(named_struct(
            'sort_key', {{ order_by }}, 'item', {{ value }}))),
        entry -> entry.item
    ), '{{ delimiter }}')
{%- endmacro %}
