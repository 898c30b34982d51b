{% macro stitch_rows(rows, person_identifiers, identifier_columns) -%}
    {#- A select of every column of `rows` plus person_id (CONTRACT 2): the
        person of the row's first identifier that is not shared, in the type
        order user_id < email_hash < device_id < anonymous_id (user_ids and
        email hashes are never shared, and all of a row's unshared
        identifiers are one person); when every identifier of the row is a
        shared one, the person of the first of them (a shared identifier is
        a person of its own). `identifier_columns` lists the identifier
        columns the rows have; `person_identifiers` is shaped like
        int_person_identifiers. Never null for a row with an identifier
        known to the graph. -#}
    {%- set ordered = [] -%}
    {%- for type in ['user_id', 'email_hash', 'device_id', 'anonymous_id'] -%}
        {%- if type in identifier_columns -%}
            {%- do ordered.append(type) -%}
        {%- endif -%}
    {%- endfor -%}
    select
        {{ rows }}.*,
        coalesce(
            {%- for column in ordered %}
            case
                when not {{ column }}_persons.is_shared
                    then {{ column }}_persons.person_id
            end,
            {%- endfor %}
            {%- for column in ordered %}
            {{ column }}_persons.person_id{{ ',' if not loop.last }}
            {%- endfor %}
        ) as person_id
    from {{ rows }}
    {%- for column in ordered %}
    left join {{ person_identifiers }} as {{ column }}_persons
        on {{ column }}_persons.identifier_type = '{{ column }}'
        and {{ rows }}.{{ column }} = {{ column }}_persons.identifier
    {%- endfor %}
{%- endmacro %}
