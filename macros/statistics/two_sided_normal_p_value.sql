{% macro two_sided_normal_p_value(z_score) -%}
    {#- SQL expression: P(|Z| >= |z|) for a standard normal Z, that is
        erfc(|z| / sqrt(2)), as a double; null for null. Plain arithmetic
        (exp, power, abs, sqrt), the same SQL on every engine, so no
        dispatch. With a = |z| / sqrt(2):
        - a < 5: erfc(a) = 1 - 2/sqrt(pi) exp(-a^2) sum_{n=0..80}
          2^n a^(2n+1) / (1*3*...*(2n+1)), a series of positive terms (no
          cancellation inside the sum);
        - a >= 5 (p < 1.6e-12): the asymptotic expansion erfc(a) =
          exp(-a^2) / (a sqrt(pi)) sum_{k=0..20} (-1)^k (2k-1)!! / (2a^2)^k.
        Absolute error below 5e-15 against scipy.special.erfc for every z
        (tests/python/test_holdout_stats.py). The sums are flat (no deep
        nesting) so that every SQL parser and linter accepts them. `z_score`
        is repeated about 100 times: pass a column, not a long expression. -#}
    {%- set series_terms = 80 -%}
    {%- set asymptotic_terms = 20 -%}
    {%- set a = '(abs(cast(' ~ z_score ~ ' as double)) / sqrt(2.0e0))' -%}
    {%- set series = ['1.0e0 * ' ~ a] -%}
    {%- set state = namespace(coefficient=1.0) -%}
    {%- for n in range(1, series_terms + 1) -%}
        {%- set state.coefficient = state.coefficient * 2.0 / (2 * n + 1) -%}
        {%- do series.append(('%.17e' | format(state.coefficient))
            ~ ' * power(' ~ a ~ ', ' ~ (2 * n + 1) ~ ')') -%}
    {%- endfor -%}
    {%- set asymptotic = ['1.0e0'] -%}
    {%- set state.coefficient = 1.0 -%}
    {%- for k in range(1, asymptotic_terms + 1) -%}
        {%- set state.coefficient = -state.coefficient * (2 * k - 1) / 2.0 -%}
        {%- do asymptotic.append(('%.17e' | format(state.coefficient))
            ~ ' * power(' ~ a ~ ', ' ~ (-2 * k) ~ ')') -%}
    {%- endfor -%}
    (case
        when {{ z_score }} is null then null
        when {{ a }} < 5.0e0
            then 1.0e0 - 1.1283791670955126e0 * exp(-{{ a }} * {{ a }}) * (
                {{ series | join('\n                + ') }}
            )
        else exp(-{{ a }} * {{ a }}) / ({{ a }} * 1.7724538509055160e0) * (
            {{ asymptotic | join('\n            + ') }}
        )
    end)
{%- endmacro %}
