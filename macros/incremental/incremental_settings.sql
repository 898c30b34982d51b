{% macro incremental_settings() -%}
    {#- The settings (dbt vars) that person-scoped incremental models depend
        on: a change of any of them recomputes every person. A pytest checks
        that every setting of dbt_project.yml is listed here or in
        `ignored` of that test. -#}
    {%- set names = [
        'reporting_currency', 'max_users_per_device', 'click_session_minutes',
        'session_timeout_minutes', 'app_assist_events', 'own_domains',
        'reset_at_conversion', 'attribution_models', 'first_weight',
        'last_weight', 'time_decay_half_life_days', 'shapley_max_channels',
        'holdout_window_days', 'build_at',
    ] -%}
    {%- set settings = {} -%}
    {%- for name in names -%}
        {%- do settings.update({name: var(name)}) -%}
    {%- endfor -%}
    {{ return(settings) }}
{%- endmacro %}
