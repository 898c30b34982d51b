{% macro row_number_any_order(order_by) -%}
    {{ return(adapter.dispatch('row_number_any_order', 'assist')(order_by)) }}
{%- endmacro %}

{#- A window expression numbering the rows of a select 1..n (bigint) in
    whatever order is cheapest: surrogate keys whose order does not matter.
    Engines that require an ordered window (Spark) number by `order_by`, a
    SQL list of columns that makes the numbering deterministic there. -#}
{% macro default__row_number_any_order(order_by) -%}
    cast(row_number() over () as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro spark__row_number_any_order(order_by) -%}
    cast(row_number() over (order by {{ order_by }}) as {{ dbt.type_bigint() }})
{%- endmacro %}
