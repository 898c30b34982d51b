{% macro stitched_watermark() -%}
    {#- When the stitched model `this` was last built (the latest
        stitched_at of its rows) as a timestamp literal, read once while
        the model compiles, before its pre-hook deletes anything; none on a
        first or full build. -#}
    {%- if not execute or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set latest = run_query(
        'select cast(max(stitched_at) as ' ~ dbt.type_string() ~ ') from ' ~ this
    ).columns[0].values()[0] -%}
    {%- if latest is none -%}
        {{ return("cast('1900-01-01' as timestamp)") }}
    {%- endif -%}
    {{ return("cast('" ~ latest ~ "' as timestamp)") }}
{%- endmacro %}
