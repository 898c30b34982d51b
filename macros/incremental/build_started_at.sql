{% macro build_started_at() -%}
    {#- The moment this dbt invocation started (run_started_at, UTC) as a
        timestamp literal: what a row an incremental model writes records as
        when it was written (loaded_at, resolved_at, stitched_at). One value
        per build; later builds have later values (the run lock keeps builds
        of one warehouse from overlapping), so a model finds what changed
        since its own last build as the rows written after it. -#}
    {{ return("cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S.%f')
        ~ "' as timestamp)") }}
{%- endmacro %}
