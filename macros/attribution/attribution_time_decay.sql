{% macro attribution_time_decay(paths, half_life_days=none) -%}
    {#- Model time_decay (CONTRACT 6): weight 2^(-(converted_at - touch_at) /
        half-life), normalised to sum 1 per conversion. Half-life in days
        (default: var time_decay_half_life_days), a positive number. The
        weights are computed relative to the path's most recent touch (which
        gets 1): the same credits after normalising, and no underflow to a
        zero sum however long the path. -#}
    {%- set half_life_days = var('time_decay_half_life_days')
        if half_life_days is none else half_life_days -%}
    {%- if half_life_days is not number or half_life_days <= 0 -%}
        {{ exceptions.raise_compiler_error(
            "attribution model time_decay: the half-life must be a positive "
            ~ "number of days, got '" ~ half_life_days ~ "'") }}
    {%- endif -%}
    select
        weighted.*,
        weighted.decay_weight
            / sum(weighted.decay_weight) over (
                partition by weighted.conversion_id
            ) as credit
    from (
        select
            relative.*,
            power(
                cast(2 as double),
                -(seconds_before_conversion - min_seconds_before_conversion)
                / (cast({{ half_life_days }} as double) * 86400)
            ) as decay_weight
        from (
            select
                {{ paths }}.*,
                min(seconds_before_conversion)
                    over (partition by conversion_id)
                    as min_seconds_before_conversion
            from {{ paths }}
        ) as relative
    ) as weighted
{%- endmacro %}
