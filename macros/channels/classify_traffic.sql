{% macro classify_traffic(sources_cte, rules_cte, categories_cte) -%}
    {#- A select returning every column of `sources_cte` (which has
        traffic_source, traffic_medium, traffic_campaign) plus
        source_category, channel and channel_rule_order.

        The channel is that of the first rule (lowest rule_order; same order:
        channel name) of `rules_cte` whose non-empty conditions all hold; no
        rule holds: `unassigned` with a null channel_rule_order. Rules are
        data (the channel_rules seed), joined to the distinct sources, not a
        generated case ladder:
        - source_category: the source's category in `categories_cte`
          (source, source_category): the lower-cased source without a
          leading `www.` equals a row's source or ends with `.` + it; the
          longest matching source wins.
        - source_pattern, medium_pattern, campaign_pattern: regular
          expressions that must match the lower-cased value in full (the
          macro anchors them, so `a|b` means `^(a|b)$`); a null campaign
          meets no campaign condition.
        A null or empty condition is no condition (unit-test fixtures give
        empty strings, staged seeds nulls). -#}
    {%- set anchored = {} -%}
    {%- for condition in ['source_pattern', 'medium_pattern', 'campaign_pattern'] -%}
        {%- do anchored.update({condition: dbt.concat(
            ["'^('", 'rules.' ~ condition, "')$'"])}) -%}
    {%- endfor -%}
    with

    classify_distinct_sources as (
        select distinct
            traffic_source,
            traffic_medium,
            traffic_campaign,
            lower(traffic_source) as match_source,
            lower(traffic_medium) as match_medium,
            lower(traffic_campaign) as match_campaign,
            regexp_extract(
                lower(traffic_source), '^(?:www[.])?(.*)$', 1
            ) as category_key
        from {{ sources_cte }}
    ),

    classify_category_matches as (
        select
            classify_distinct_sources.*,
            categories.source_category,
            row_number() over (
                partition by
                    classify_distinct_sources.traffic_source,
                    classify_distinct_sources.traffic_medium,
                    classify_distinct_sources.traffic_campaign
                order by
                    {{ dbt.length('categories.source') }} desc,
                    categories.source_category
            ) as category_rank
        from classify_distinct_sources
        left join {{ categories_cte }} as categories
            on classify_distinct_sources.category_key = categories.source
            or {{ dbt.right(
                'classify_distinct_sources.category_key',
                dbt.length('categories.source') ~ ' + 1'
            ) }} = {{ dbt.concat(["'.'", 'categories.source']) }}
    ),

    classify_categorised as (
        select * from classify_category_matches
        where category_rank = 1
    ),

    classify_rule_matches as (
        select
            classify_categorised.traffic_source,
            classify_categorised.traffic_medium,
            classify_categorised.traffic_campaign,
            classify_categorised.source_category,
            rules.channel,
            rules.rule_order,
            row_number() over (
                partition by
                    classify_categorised.traffic_source,
                    classify_categorised.traffic_medium,
                    classify_categorised.traffic_campaign
                order by rules.rule_order, rules.channel
            ) as rule_rank
        from classify_categorised
        left join {{ rules_cte }} as rules
            on (
                coalesce(rules.source_category, '') = ''
                or rules.source_category = classify_categorised.source_category
            )
            and (
                coalesce(rules.source_pattern, '') = ''
                or {{ assist.regex_matches(
                    'classify_categorised.match_source',
                    anchored['source_pattern']
                ) }}
            )
            and (
                coalesce(rules.medium_pattern, '') = ''
                or {{ assist.regex_matches(
                    'classify_categorised.match_medium',
                    anchored['medium_pattern']
                ) }}
            )
            and (
                coalesce(rules.campaign_pattern, '') = ''
                or {{ assist.regex_matches(
                    'classify_categorised.match_campaign',
                    anchored['campaign_pattern']
                ) }}
            )
    ),

    classify_first_rules as (
        select * from classify_rule_matches
        where rule_rank = 1
    )

    select
        {{ sources_cte }}.*,
        classify_first_rules.source_category,
        coalesce(classify_first_rules.channel, 'unassigned') as channel,
        classify_first_rules.rule_order as channel_rule_order
    from {{ sources_cte }}
    left join classify_first_rules
        on {{ sources_cte }}.traffic_source
            is not distinct from classify_first_rules.traffic_source
        and {{ sources_cte }}.traffic_medium
            is not distinct from classify_first_rules.traffic_medium
        and {{ sources_cte }}.traffic_campaign
            is not distinct from classify_first_rules.traffic_campaign
{%- endmacro %}
