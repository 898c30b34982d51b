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
