{% macro connected_components(
    pipeline, edges, max_rounds=64, inline_rounds=10
) -%}
    {{ return(adapter.dispatch('connected_components', 'assist')(
        pipeline, edges, max_rounds, inline_rounds
    )) }}
{%- endmacro %}

{% macro default__connected_components(
    pipeline, edges, max_rounds=64, inline_rounds=10
) -%}
    {#- Connected components of an undirected graph by randomised contraction
        (Bögeholz, Brand, Todor: "In-database connected component analysis",
        ICDE 2020), in plain SQL without recursion.

        `edges` names a step of `pipeline` (macro scratch_pipeline) with bigint
        columns src_node_id, dst_node_id: every edge in both directions, no
        self-loops, node ids in [1, 2^31 - 1). Returns a step (node_id,
        component_label) with one row per node that has an edge; all nodes
        of a component share a label (the id of one of them, not chosen by
        any order). Nodes without edges are components of their own.

        Round i draws a permutation h_i(x) = (a_i x + b_i) mod p of the ids
        (p = 2^31 - 1 is prime, so there are no ties) and maps every node to
        the node of smallest h_i among itself and its neighbours (its
        representative); the next graph is the edges between different
        representatives. Each round removes a constant fraction of the nodes
        in expectation, whatever the shape (a chain of 10 000 links takes
        about 14 rounds), so it ends after O(log n) rounds, each on a
        smaller graph; it stops when no edge is left. The labels are then
        composed backwards: label(v) = rep_k(...rep_1(v)), each composition
        joining one round's (shrinking) representative table, so no table
        of all nodes is rewritten per round.

        Materialized, it loops until the graph is empty (error after
        `max_rounds`). Inline (unit tests, compile: CTEs) it unrolls
        `inline_rounds` rounds, which contract any component of up to a few
        hundred nodes whatever its shape. Each round reads the previous
        round's CTEs three times, which DuckDB computes once; Spark copies a
        CTE into every reader (3^rounds-fold here), hence spark__ below.
    -#}
    {%- set modulus = 2147483647 -%}
    {%- set shift = 2147483648 -%}
    {%- set edges_relation = (
        pipeline.relations[edges] | string if pipeline.materialize else edges
    ) -%}
    {%- set state = namespace(
        edges=edges_relation,
        edge_count=assist.scratch_row_count(pipeline, edges),
        a=16807,
        b=48271,
        rounds=0,
    ) -%}
    {%- set representatives = [] -%}
    {%- set round_limit = max_rounds if pipeline.materialize else inline_rounds -%}

    {%- for round in range(1, round_limit + 1) -%}
        {%- if state.edge_count == 0 -%}
            {%- break -%}
        {%- endif -%}
        {%- set state.a = (state.a * 16807) % modulus -%}
        {%- set state.b = (state.b * 48271) % modulus -%}
        {%- set hashed_src -%}
            ((src_node_id * {{ state.a }} + {{ state.b }}) % {{ modulus }})
        {%- endset -%}
        {%- set hashed_dst -%}
            ((dst_node_id * {{ state.a }} + {{ state.b }}) % {{ modulus }})
        {%- endset -%}

        {%- set representatives_sql -%}
    select
        src_node_id as node_id,
        least(
            {{ hashed_src }} * {{ shift }} + src_node_id,
            min({{ hashed_dst }} * {{ shift }} + dst_node_id)
        ) % {{ shift }} as rep_node_id
    from {{ state.edges }}
    group by src_node_id
        {%- endset -%}
        {%- set reps = assist.scratch_step(
            pipeline, 'cc_reps_' ~ round, representatives_sql
        ) -%}
        {%- set contracted_sql -%}
    select distinct
        src_reps.rep_node_id as src_node_id,
        dst_reps.rep_node_id as dst_node_id
    from {{ state.edges }} as round_edges
    inner join {{ reps }} as src_reps
        on round_edges.src_node_id = src_reps.node_id
    inner join {{ reps }} as dst_reps
        on round_edges.dst_node_id = dst_reps.node_id
    where src_reps.rep_node_id <> dst_reps.rep_node_id
        {%- endset -%}
        {%- do representatives.append(['cc_reps_' ~ round, reps]) -%}

        {%- set previous_step = 'cc_edges_' ~ (round - 1) -%}
        {%- set state.edges = assist.scratch_step(
            pipeline, 'cc_edges_' ~ round, contracted_sql
        ) -%}
        {%- set state.edge_count = assist.scratch_row_count(
            pipeline, 'cc_edges_' ~ round
        ) -%}
        {%- do assist.scratch_drop(pipeline, [previous_step]) -%}
        {%- set state.rounds = round -%}
    {%- endfor -%}

    {%- if pipeline.materialize -%}
        {%- if state.edge_count != 0 -%}
            {%- do exceptions.raise_compiler_error(
                'connected_components: ' ~ state.edge_count ~ ' edges left'
                ~ ' after ' ~ max_rounds ~ ' rounds'
            ) -%}
        {%- endif -%}
        {%- do assist.scratch_drop(pipeline, ['cc_edges_' ~ state.rounds]) -%}
        {%- do log(
            this.identifier ~ ': connected components after '
            ~ state.rounds ~ ' contraction rounds', info=True
        ) -%}
    {%- endif -%}

    {%- if representatives | length == 0 -%}
        {%- set empty_sql -%}
    select
        src_node_id as node_id,
        src_node_id as component_label
    from {{ edges_relation }}
    where 1 = 0
        {%- endset -%}
        {{ return(assist.scratch_step(pipeline, 'labels', empty_sql)) }}
    {%- endif -%}

    {%- set composed = namespace(step=none, relation=none) -%}
    {%- for step in representatives | reverse -%}
        {%- set name = 'labels' if loop.last else 'cc_labels_' ~ loop.revindex -%}
        {%- if composed.relation is none -%}
            {%- set label_sql -%}
    select
        node_id,
        rep_node_id as component_label
    from {{ step[1] }}
            {%- endset -%}
        {%- else -%}
            {%- set label_sql -%}
    select
        reps.node_id,
        coalesce(later.component_label, reps.rep_node_id) as component_label
    from {{ step[1] }} as reps
    left join {{ composed.relation }} as later
        on reps.rep_node_id = later.node_id
            {%- endset -%}
        {%- endif -%}
        {%- set relation = assist.scratch_step(pipeline, name, label_sql) -%}
        {%- do assist.scratch_drop(pipeline, [step[0]]) -%}
        {%- if composed.step is not none -%}
            {%- do assist.scratch_drop(pipeline, [composed.step]) -%}
        {%- endif -%}
        {%- set composed.step = name -%}
        {%- set composed.relation = relation -%}
    {%- endfor -%}
    {{ return(composed.relation) }}
{%- endmacro %}

{#- Spark: the same rounds (same permutations, same representatives, same
    number of rounds) on one relation per round, `graph`: the round's edges
    (is_edge, node_id -> other_node_id) and every original node's current
    label (not is_edge, node_id -> other_node_id), all computed with window
    functions over the previous round's relation alone. Spark copies a CTE
    into each place that reads it when the select is part of a command (a
    unit test's `create temporary view ... as`), so the default's rounds,
    each reading the previous ones three times, grow the unit tests' plan
    3^rounds-fold (the analyzer ran out of memory); read once per round,
    the plan grows linearly. Labels are carried forward round by round (the
    default composes them backwards on shrinking tables instead); with a
    distributed engine that costs one more pass over the nodes per round. -#}
{% macro spark__connected_components(
    pipeline, edges, max_rounds=64, inline_rounds=10
) -%}
    {%- set modulus = 2147483647 -%}
    {%- set shift = 2147483648 -%}
    {%- set edges_relation = (
        pipeline.relations[edges] | string if pipeline.materialize else edges
    ) -%}
    {%- set graph_sql -%}
    select
        src_node_id as node_id,
        dst_node_id as other_node_id,
        true as is_edge
    from {{ edges_relation }}
    union all
    select distinct
        src_node_id as node_id,
        src_node_id as other_node_id,
        false as is_edge
    from {{ edges_relation }}
    {%- endset -%}
    {%- set state = namespace(
        graph=assist.scratch_step(pipeline, 'cc_graph_0', graph_sql),
        edge_count=assist.scratch_row_count(pipeline, edges),
        a=16807,
        b=48271,
        rounds=0,
    ) -%}
    {%- set round_limit = max_rounds if pipeline.materialize else inline_rounds -%}

    {%- for round in range(1, round_limit + 1) -%}
        {%- if state.edge_count == 0 -%}
            {%- break -%}
        {%- endif -%}
        {%- set state.a = (state.a * 16807) % modulus -%}
        {%- set state.b = (state.b * 48271) % modulus -%}
        {#- a node's rank: h(node) * 2^31 + node (null for a null node) -#}
        {%- set rank -%}
            ((({node} * {{ state.a }} + {{ state.b }}) % {{ modulus }})
            * {{ shift }} + {node})
        {%- endset -%}
        {#- key: an edge's src, a label row's label; an edge's dst has the
            edges to it as neighbours (the graph is symmetric); a label
            without edges is a finished component and stays -#}
        {%- set round_sql -%}
    select distinct
        case
            when is_edge then key_rep_node_id else node_id
        end as node_id,
        case
            when is_edge then dst_rep_node_id else key_rep_node_id
        end as other_node_id,
        is_edge
    from (
        select
            node_id,
            is_edge,
            coalesce(
                least(
                    {{ rank | replace('{node}', 'key_node_id') }},
                    min({{ rank | replace('{node}', 'dst_node_id') }})
                        over (partition by key_node_id)
                ),
                {{ rank | replace('{node}', 'key_node_id') }}
            ) % {{ shift }} as key_rep_node_id,
            least(
                {{ rank | replace('{node}', 'dst_node_id') }},
                min({{ rank | replace('{node}', 'key_node_id') }})
                    over (partition by dst_node_id)
            ) % {{ shift }} as dst_rep_node_id
        from (
            select
                node_id,
                is_edge,
                case
                    when is_edge then node_id else other_node_id
                end as key_node_id,
                case when is_edge then other_node_id end as dst_node_id
            from {{ state.graph }}
        ) as keyed
    ) as represented
    where not is_edge or key_rep_node_id <> dst_rep_node_id
        {%- endset -%}
        {%- set previous_step = 'cc_graph_' ~ (round - 1) -%}
        {%- set state.graph = assist.scratch_step(
            pipeline, 'cc_graph_' ~ round, round_sql
        ) -%}
        {%- set state.edge_count = assist.scratch_row_count(
            pipeline, 'cc_graph_' ~ round, 'is_edge'
        ) -%}
        {%- do assist.scratch_drop(pipeline, [previous_step]) -%}
        {%- set state.rounds = round -%}
    {%- endfor -%}

    {%- if pipeline.materialize -%}
        {%- if state.edge_count != 0 -%}
            {%- do exceptions.raise_compiler_error(
                'connected_components: ' ~ state.edge_count ~ ' edges left'
                ~ ' after ' ~ max_rounds ~ ' rounds'
            ) -%}
        {%- endif -%}
        {%- do log(
            this.identifier ~ ': connected components after '
            ~ state.rounds ~ ' contraction rounds', info=True
        ) -%}
    {%- endif -%}

    {%- set labels_sql -%}
    select
        node_id,
        other_node_id as component_label
    from {{ state.graph }}
    where not is_edge
    {%- endset -%}
    {%- set labels = assist.scratch_step(pipeline, 'labels', labels_sql) -%}
    {%- do assist.scratch_drop(pipeline, ['cc_graph_' ~ state.rounds]) -%}
    {{ return(labels) }}
{%- endmacro %}
