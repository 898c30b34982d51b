{% macro delete_restitched_rows(staged, key, identifier_columns) -%}
    {#- Pre-hook of a stitched model: on an incremental build, deletes the
        rows it is about to stitch again: those whose key the staging model
        `staged` decided since the model's last build, and those carrying an
        identifier whose person changed since (macro restitched_rows). -#}
    {%- set watermark = assist.stitched_watermark() -%}
    {%- if watermark is none -%}{{ return('') }}{%- endif -%}
    delete from {{ this }}
    where
        {{ key }} in (
            select {{ key }} from {{ ref(staged) }}
            where loaded_at > {{ watermark }}
        )
        or {{ assist.restitched_rows(identifier_columns, watermark) }}
{%- endmacro %}
