{# grain: one row per conversion: a purchase order_id, or a converting app or
   web event (purchase events without order_id, other conversion types) #}
with

orders as (
    select * from {{ ref('int_orders_stitched') }}
),

app_events as (
    select * from {{ ref('int_app_events_stitched') }}
),

web_events as (
    select * from {{ ref('int_web_events_stitched') }}
),

conversion_types as (
    select * from {{ ref('stg_config__conversion_types') }}
),

fx_rates as (
    select * from {{ ref('stg_raw__fx_rates') }}
),

person_consents as (
    select * from {{ ref('int_person_consents') }}
),

purchase_type as (
    select distinct conversion_type
    from conversion_types
    where conversion_type = 'purchase'
),

events as (
    select
        'app' as source_platform,
        1 as source_rank,
        event_id,
        event_at,
        event_name,
        person_id,
        order_id,
        revenue,
        currency
    from app_events
    union all
    select
        'web' as source_platform,
        2 as source_rank,
        event_id,
        event_at,
        event_name,
        person_id,
        order_id,
        revenue,
        currency
    from web_events
),

conversion_events as (
    select
        events.*,
        conversion_types.conversion_type
    from events
    inner join conversion_types
        on events.event_name = conversion_types.event_name
),

order_sightings as (
    select
        orders.order_id,
        orders.ordered_at as seen_at,
        0 as source_rank,
        cast(null as {{ dbt.type_string() }}) as event_id,
        orders.person_id,
        orders.sales_channel as conversion_platform,
        orders.revenue,
        orders.currency,
        orders.status
    from orders
    cross join purchase_type
    union all
    select
        order_id,
        event_at as seen_at,
        source_rank,
        event_id,
        person_id,
        source_platform as conversion_platform,
        revenue,
        currency,
        cast(null as {{ dbt.type_string() }}) as status
    from conversion_events
    where conversion_type = 'purchase' and order_id is not null
),

voided_orders as (
    select distinct order_id
    from orders
    where status in ('refunded', 'cancelled')
),

order_sightings_ranked as (
    select
        *,
        min(seen_at) over (partition by order_id) as converted_at,
        count(*) over (partition by order_id) as sighting_count,
        row_number() over (
            partition by order_id
            order by
                case when source_rank = 0 then 0 else 1 end,
                seen_at,
                source_rank,
                event_id
        ) as record_rank
    from order_sightings
),

order_conversions as (
    select
        {{ dbt.concat(["'order:'", 'sightings.order_id']) }} as conversion_id,
        sightings.person_id,
        'purchase' as conversion_type,
        sightings.converted_at,
        sightings.conversion_platform,
        sightings.revenue,
        sightings.currency,
        sightings.order_id,
        cast(null as {{ dbt.type_string() }}) as source_event_id,
        sightings.sighting_count
    from order_sightings_ranked as sightings
    left join voided_orders
        on sightings.order_id = voided_orders.order_id
    where sightings.record_rank = 1 and voided_orders.order_id is null
),

event_conversions as (
    select
        {{ dbt.concat(['source_platform', "'_event:'", 'event_id']) }}
            as conversion_id,
        person_id,
        conversion_type,
        event_at as converted_at,
        source_platform as conversion_platform,
        revenue,
        currency,
        cast(null as {{ dbt.type_string() }}) as order_id,
        event_id as source_event_id,
        1 as sighting_count
    from conversion_events
    where not (conversion_type = 'purchase' and order_id is not null)
),

conversions as (
    select * from order_conversions
    union all
    select * from event_conversions
),

conversions_in_currency as (
    select
        *,
        coalesce(currency, '{{ var("reporting_currency") | upper }}')
            as original_currency,
        cast(converted_at as date) as converted_date
    from conversions
),

rate_lookups as (
    select distinct
        original_currency as currency,
        converted_date
    from conversions_in_currency
    where original_currency <> '{{ var("reporting_currency") | upper }}'
),

rates_chosen as (
    {{ assist.fx_rates_chosen('rate_lookups', 'fx_rates', 'converted_date') }}
),

conversions_converted as (
    select
        conversions_in_currency.*,
        rates_chosen.rate_date as fx_rate_date,
        case
            when
                conversions_in_currency.original_currency
                = '{{ var("reporting_currency") | upper }}'
                then cast(1 as double)
            else cast(rates_chosen.rate_to_reporting as double)
        end as fx_rate
    from conversions_in_currency
    left join rates_chosen
        on
            conversions_in_currency.original_currency = rates_chosen.currency
            and conversions_in_currency.converted_date
            = rates_chosen.converted_date
),

conversions_valued as (
    select
        *,
        cast(coalesce(revenue, 0) as double) as original_revenue,
        cast(coalesce(revenue, 0) as double) * fx_rate as revenue_reporting
    from conversions_converted
),

final as (
    select
        conversions_valued.conversion_id,
        conversions_valued.person_id,
        conversions_valued.conversion_type,
        conversions_valued.converted_at,
        conversions_valued.conversion_platform,
        conversions_valued.revenue_reporting as revenue,
        conversions_valued.original_revenue,
        conversions_valued.original_currency,
        conversions_valued.fx_rate,
        conversions_valued.fx_rate_date,
        conversions_valued.order_id,
        conversions_valued.source_event_id,
        conversions_valued.sighting_count,
        person_consents.is_consented
    from conversions_valued
    left join person_consents
        on conversions_valued.person_id = person_consents.person_id
)

select * from final
