{# grain: one row per campaign_id with staged costs #}
with

costs as (
    select * from {{ ref('stg_raw__costs') }}
),

fx_rates as (
    select * from {{ ref('stg_raw__fx_rates') }}
),

campaign_costs as (
    select
        costs.*,
        coalesce(costs.currency, '{{ var("reporting_currency") | upper }}')
            as original_currency
    from costs
    where costs.campaign_id is not null
),

rate_lookups as (
    select distinct
        original_currency as currency,
        cost_date
    from campaign_costs
    where original_currency <> '{{ var("reporting_currency") | upper }}'
),

rates_chosen as (
    {{ assist.fx_rates_chosen('rate_lookups', 'fx_rates', 'cost_date') }}
),

final as (
    select
        campaign_costs.campaign_id,
        sum(
            cast(campaign_costs.cost as double)
            * case
                when
                    campaign_costs.original_currency
                    = '{{ var("reporting_currency") | upper }}'
                    then cast(1 as double)
                else cast(rates_chosen.rate_to_reporting as double)
            end
        ) as cost -- noqa: RF04
    from campaign_costs
    left join rates_chosen
        on
            campaign_costs.original_currency = rates_chosen.currency
            and campaign_costs.cost_date = rates_chosen.cost_date
    group by campaign_costs.campaign_id
)

select * from final
