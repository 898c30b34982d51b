{% macro wilson_bound(successes, trials, side) -%}
    {#- SQL expression: the lower or upper bound of the 95% Wilson score
        interval of a binomial proportion (no continuity correction), as a
        double: (p + z^2/2n -/+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
        with p = successes / trials and z = 1.959963984540054 (the 0.975
        standard normal quantile); null when trials is 0 or null. The
        building block of the Newcombe hybrid score interval. -#}
    {%- if side not in ('lower', 'upper') -%}
        {{ exceptions.raise_compiler_error(
            "wilson_bound: side must be 'lower' or 'upper', got " ~ side) }}
    {%- endif -%}
    {%- set z = '1.959963984540054e0' -%}
    {%- set n = 'cast(' ~ trials ~ ' as double)' -%}
    {%- set p = '(cast(' ~ successes ~ ' as double) / ' ~ n ~ ')' -%}
    (case
        when {{ trials }} > 0 then
            ({{ p }} + {{ z }} * {{ z }} / (2.0e0 * {{ n }})
                {{ '-' if side == 'lower' else '+' }} {{ z }} * sqrt(
                    {{ p }} * (1.0e0 - {{ p }}) / {{ n }}
                    + {{ z }} * {{ z }} / (4.0e0 * {{ n }} * {{ n }})
                ))
            / (1.0e0 + {{ z }} * {{ z }} / {{ n }})
    end)
{%- endmacro %}
