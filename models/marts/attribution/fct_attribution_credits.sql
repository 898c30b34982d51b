{# grain: one row per conversion x eligible touch x model (one row per
   conversion and model, touch_id null, for an empty path) #}
{%- set attribution_models = enabled_attribution_models() %}
with

conversions as (
    select * from {{ ref('int_conversions_deduplicated') }}
),

paths as (
    select * from {{ ref('int_conversion_paths') }}
),

{% for model_name in attribution_models -%}
credits_{{ model_name }} as (
    {{ credits_of_attribution_model(model_name, 'paths') }}
),

{% endfor -%}

path_credits as (
    {%- for model_name in attribution_models %}
    select
        '{{ model_name }}' as model, -- noqa: RF04
        conversion_id,
        touch_id,
        channel,
        campaign_id,
        touch_at,
        touch_platform,
        interaction_type,
        touch_position,
        path_length,
        cast(credit as double) as credit
    from credits_{{ model_name }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

enabled_models as (
    {%- for model_name in attribution_models %}
    select '{{ model_name }}' as model -- noqa: RF04
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

conversions_with_paths as (
    select distinct conversion_id
    from paths
),

empty_path_credits as (
    select
        enabled_models.model,
        conversions.conversion_id,
        cast(null as {{ dbt.type_string() }}) as touch_id,
        'unattributed' as channel,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        cast(null as timestamp) as touch_at,
        cast(null as {{ dbt.type_string() }}) as touch_platform,
        cast(null as {{ dbt.type_string() }}) as interaction_type,
        cast(null as {{ dbt.type_bigint() }}) as touch_position,
        cast(0 as {{ dbt.type_bigint() }}) as path_length,
        cast(1 as double) as credit
    from conversions
    cross join enabled_models
    left join conversions_with_paths
        on conversions.conversion_id = conversions_with_paths.conversion_id
    where conversions_with_paths.conversion_id is null
),

credits as (
    select * from path_credits
    union all
    select * from empty_path_credits
),

credits_valued as (
    select
        credits.*,
        conversions.conversion_type,
        conversions.person_id,
        conversions.converted_at,
        conversions.conversion_platform,
        conversions.revenue,
        credits.credit * conversions.revenue as credited_revenue
    from credits
    inner join conversions
        on credits.conversion_id = conversions.conversion_id
),

final as (
    select
        conversion_id,
        conversion_type,
        model,
        touch_id,
        channel,
        campaign_id,
        touch_at,
        touch_platform,
        interaction_type,
        touch_position,
        path_length,
        credit,
        credited_revenue,
        person_id,
        converted_at,
        conversion_platform,
        revenue
    from credits_valued
)

select * from final
