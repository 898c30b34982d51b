{% macro restitched_rows(identifier_columns, watermark, relation='') -%}
    {#- A condition on rows carrying `identifier_columns` (of `relation`, a
        name or alias, or unqualified): the row carries an identifier
        int_person_identifiers marks as changed (new, another person, or
        newly shared or unshared) after `watermark` (macro
        stitched_watermark). -#}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    (
    {%- for column in identifier_columns %}
        {{ 'or ' if not loop.first }}{{ prefix }}{{ column }} in (
            select identifier from {{ ref('int_person_identifiers') }}
            where
                identifier_type = '{{ column }}'
                and resolved_at > {{ watermark }}
        )
    {%- endfor %}
    )
{%- endmacro %}

{% macro rows_to_stitch(identifier_columns, watermark) -%}
    {#- A condition on a staging model's rows: those a stitched model
        stitches on this build. An incremental build (a `watermark`, macro
        stitched_watermark): the rows decided after it (loaded_at) and the
        rows carrying an identifier resolved after it (macro
        restitched_rows); otherwise every row. -#}
    {%- if watermark is none -%}
        {{ return('true') }}
    {%- endif -%}
    (
        loaded_at > {{ watermark }}
        or {{ assist.restitched_rows(identifier_columns, watermark) }}
    )
{%- endmacro %}
