{% macro resolve_identities(observed, links, max_users_per_device) -%}
    {#- The identity graph's persons (CONTRACT 2): one row per identifier
        (identifier_type, identifier) with its person_id, is_shared and
        linked_user_count.

        `observed`: list of {'relation': ..., 'identifiers': [...]}, the
        staged tables whose rows link the identifier columns they carry;
        `links`: the staged identity_links relation.

        Steps (scratch tables when dbt runs the model, CTEs otherwise; see
        scratch_pipeline):
        1. observed: the distinct identifier tuples (user_id, email_hash,
           device_id, anonymous_id) of all rows (the rows' only contribution).
        2. pairs: each tuple linked as a star to its first identifier in the
           type order (every user_id-device and user_id-anonymous pair of a
           row is then a pair), plus the identity links; one row per
           unordered pair, the smaller identifier first.
        3. nodes: every identifier with a bigint id 1..n (any order, macro
           row_number_any_order); a device or anonymous id paired with more
           than `max_users_per_device` distinct user_ids is shared.
        4. edges: the pairs whose two ends are not shared, both ways.
        5. connected components (macro connected_components).
        6. each component's person: its smallest identifier by type
           (user_id < email_hash < device_id < anonymous_id), then value,
           written type:value.
        A shared identifier has no edge, so it is a person of its own; a row
        carrying it is assigned elsewhere (macro stitch_rows). -#}
    {%- set type_ranks = {
        'user_id': 1,
        'email_hash': 2,
        'device_id': 3,
        'anonymous_id': 4,
    } -%}
    {%- set identifier_types = [
        'user_id', 'email_hash', 'device_id', 'anonymous_id'
    ] -%}
    {%- set pipeline = assist.scratch_pipeline() -%}

    {%- set observed_sql -%}
    select distinct
        user_id,
        email_hash,
        device_id,
        anonymous_id
    from (
        {%- for source in observed %}
        select
            {%- for column in identifier_types %}
            {% if column in source.identifiers -%}
            {{ column }}
            {%- else -%}
            cast(null as {{ dbt.type_string() }}) as {{ column }}
            {%- endif %}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ source.relation }}
        {{- '\n        union all' if not loop.last }}
        {%- endfor %}
    ) as observed_rows
    where coalesce(user_id, email_hash, device_id, anonymous_id) is not null
    {%- endset -%}
    {%- set observed_tuples = assist.scratch_step(
        pipeline, 'observed', observed_sql
    ) -%}

    {%- set link_rank_a -%}
        case links.id_type_a
            {%- for type in identifier_types %}
            when '{{ type }}' then {{ type_ranks[type] }}
            {%- endfor %}
        end
    {%- endset -%}
    {%- set link_rank_b = link_rank_a | replace('id_type_a', 'id_type_b') -%}

    {%- set pairs_sql -%}
    with

    anchored as (
        select
            email_hash,
            device_id,
            anonymous_id,
            case
                when user_id is not null then 1
                when email_hash is not null then 2
                when device_id is not null then 3
                else 4
            end as anchor_rank,
            coalesce(user_id, email_hash, device_id, anonymous_id) as anchor
        from {{ observed_tuples }}
    ),

    tuple_pairs as (
        {%- for type in identifier_types[1:] %}
        select
            anchor_rank as type_rank_a,
            anchor as identifier_a,
            {{ type_ranks[type] }} as type_rank_b,
            {{ type }} as identifier_b
        from anchored
        where {{ type }} is not null and anchor_rank < {{ type_ranks[type] }}
        {{- '\n        union all' if not loop.last }}
        {%- endfor %}
    ),

    link_ends as (
        select
            {{ link_rank_a }} as rank_1,
            links.id_a as identifier_1,
            {{ link_rank_b }} as rank_2,
            links.id_b as identifier_2
        from {{ links }} as links
    ),

    link_pairs as (
        select
            case
                when
                    rank_1 < rank_2
                    or (rank_1 = rank_2 and identifier_1 < identifier_2)
                    then rank_1
                else rank_2
            end as type_rank_a,
            case
                when
                    rank_1 < rank_2
                    or (rank_1 = rank_2 and identifier_1 < identifier_2)
                    then identifier_1
                else identifier_2
            end as identifier_a,
            case
                when
                    rank_1 < rank_2
                    or (rank_1 = rank_2 and identifier_1 < identifier_2)
                    then rank_2
                else rank_1
            end as type_rank_b,
            case
                when
                    rank_1 < rank_2
                    or (rank_1 = rank_2 and identifier_1 < identifier_2)
                    then identifier_2
                else identifier_1
            end as identifier_b
        from link_ends
        where
            rank_1 is not null
            and rank_2 is not null
            and identifier_1 is not null
            and identifier_2 is not null
            and not (rank_1 = rank_2 and identifier_1 = identifier_2)
    )

    select distinct
        type_rank_a,
        identifier_a,
        type_rank_b,
        identifier_b
    from (
        select * from tuple_pairs
        union all
        select * from link_pairs
    ) as all_pairs
    {%- endset -%}
    {%- set pairs = assist.scratch_step(pipeline, 'pairs', pairs_sql) -%}

    {%- set nodes_sql -%}
    with

    identifiers as (
        {%- for type in identifier_types %}
        select
            {{ type_ranks[type] }} as type_rank,
            {{ type }} as identifier
        from {{ observed_tuples }}
        where {{ type }} is not null
        union all
        {%- endfor %}
        select
            {{ link_rank_a }} as type_rank,
            links.id_a as identifier
        from {{ links }} as links
        union all
        select
            {{ link_rank_b }} as type_rank,
            links.id_b as identifier
        from {{ links }} as links
    ),

    distinct_identifiers as (
        select distinct
            type_rank,
            identifier
        from identifiers
        where type_rank is not null and identifier is not null
    ),

    linked_users as (
        select
            type_rank_b as type_rank,
            identifier_b as identifier,
            count(*) as linked_user_count
        from {{ pairs }}
        where type_rank_a = 1 and type_rank_b in (3, 4)
        group by type_rank_b, identifier_b
    )

    select
        {{ assist.row_number_any_order(
            'distinct_identifiers.type_rank, distinct_identifiers.identifier'
        ) }} as node_id,
        distinct_identifiers.type_rank,
        distinct_identifiers.identifier,
        case
            when distinct_identifiers.type_rank in (3, 4)
                then coalesce(linked_users.linked_user_count, 0)
        end as linked_user_count,
        coalesce(
            linked_users.linked_user_count > {{ max_users_per_device }},
            false
        ) as is_shared
    from distinct_identifiers
    left join linked_users
        on distinct_identifiers.type_rank = linked_users.type_rank
        and distinct_identifiers.identifier = linked_users.identifier
    {%- endset -%}
    {%- set nodes = assist.scratch_step(pipeline, 'nodes', nodes_sql) -%}

    {%- set edges_sql -%}
    with

    node_pairs as (
        select
            nodes_a.node_id as node_a_id,
            nodes_b.node_id as node_b_id
        from {{ pairs }} as pairs
        inner join {{ nodes }} as nodes_a
            on pairs.type_rank_a = nodes_a.type_rank
            and pairs.identifier_a = nodes_a.identifier
        inner join {{ nodes }} as nodes_b
            on pairs.type_rank_b = nodes_b.type_rank
            and pairs.identifier_b = nodes_b.identifier
        where not nodes_a.is_shared and not nodes_b.is_shared
    )

    {#- pairs are distinct with a < b in the node order: no duplicates #}
    select
        node_a_id as src_node_id,
        node_b_id as dst_node_id
    from node_pairs
    union all
    select
        node_b_id as src_node_id,
        node_a_id as dst_node_id
    from node_pairs
    {%- endset -%}
    {%- set edges = assist.scratch_step(pipeline, 'edges', edges_sql) -%}
    {%- do assist.scratch_drop(pipeline, ['observed', 'pairs']) -%}

    {%- set labels = assist.connected_components(pipeline, 'edges') -%}
    {%- do assist.scratch_drop(pipeline, ['edges']) -%}

    {%- set person_type -%}
        case substring(component_persons.person_key, 1, 1)
            {%- for type in identifier_types %}
            when '{{ type_ranks[type] }}' then '{{ type }}'
            {%- endfor %}
        end
    {%- endset -%}
    {%- set final_sql -%}
    with

    labelled_nodes as (
        select
            nodes.type_rank,
            nodes.identifier,
            nodes.is_shared,
            nodes.linked_user_count,
            coalesce(labels.component_label, nodes.node_id) as component_label
        from {{ nodes }} as nodes
        left join {{ labels }} as labels
            on nodes.node_id = labels.node_id
    ),

    {#- the smallest (type_rank, identifier) as one string: the rank is a
        single digit, so text order is the contract's order #}
    component_persons as (
        select
            component_label,
            min({{ dbt.concat([
                'cast(type_rank as ' ~ dbt.type_string() ~ ')',
                'identifier',
            ]) }}) as person_key
        from labelled_nodes
        group by component_label
    )

    select
        case labelled_nodes.type_rank
            {%- for type in identifier_types %}
            when {{ type_ranks[type] }} then '{{ type }}'
            {%- endfor %}
        end as identifier_type,
        labelled_nodes.identifier,
        {{ dbt.concat([
            person_type,
            "':'",
            'substring(component_persons.person_key, 2)',
        ]) }}
        as person_id,
        labelled_nodes.is_shared,
        labelled_nodes.linked_user_count
    from labelled_nodes
    inner join component_persons
        on labelled_nodes.component_label = component_persons.component_label
    {%- endset -%}
    {{ return(assist.scratch_query(pipeline, final_sql)) }}
{%- endmacro %}
