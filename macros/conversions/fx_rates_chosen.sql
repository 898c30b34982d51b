{% macro fx_rates_chosen(lookups, fx_rates, date_column) -%}
    {#- For each (currency, date) of the CTE `lookups` (columns `currency`
        and `date_column`), the fx rate of CONTRACT 4: the currency's latest
        rate on or before the date, else its earliest rate. A select of
        currency, `date_column`, rate_date and rate_to_reporting; a currency
        without rates has no row. `fx_rates` is a CTE shaped like
        stg_raw__fx_rates. -#}
    with

    rate_dates_chosen as (
        select
            {{ lookups }}.currency,
            {{ lookups }}.{{ date_column }},
            coalesce(
                max(
                    case
                        when {{ fx_rates }}.rate_date <= {{ lookups }}.{{ date_column }}
                            then {{ fx_rates }}.rate_date
                    end
                ),
                min({{ fx_rates }}.rate_date)
            ) as rate_date
        from {{ lookups }}
        inner join {{ fx_rates }}
            on {{ lookups }}.currency = {{ fx_rates }}.currency
        group by {{ lookups }}.currency, {{ lookups }}.{{ date_column }}
    )

    select
        rate_dates_chosen.currency,
        rate_dates_chosen.{{ date_column }},
        rate_dates_chosen.rate_date,
        {{ fx_rates }}.rate_to_reporting
    from rate_dates_chosen
    inner join {{ fx_rates }}
        on
            rate_dates_chosen.currency = {{ fx_rates }}.currency
            and rate_dates_chosen.rate_date = {{ fx_rates }}.rate_date
{%- endmacro %}
