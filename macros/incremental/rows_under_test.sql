{% macro rows_under_test(model) -%}
    {#- What a row-local data test (each row checked on its own, or rows
        of one key compared) reads of `model`: on an incremental `build`,
        only the rows this build wrote, for a model whose config says which
        they are (meta `rows_written`):
        - `changed_persons`: the rows of int_persons_changed's persons (the
          rows a person-scoped model deleted and wrote again:
          person_scoped_config);
        - `{written_at: <column>}`: the rows whose timestamp column is this
          build's start (macro build_started_at): the base models' decided
          rows (raw_rows_config), the re-stitched rows and the changed
          identifiers.
        Every other case reads the whole relation: --full-refresh, `dbt
        test`, a model this build did not select, a relation given as a
        subquery (a test with a `where` config), a model without that meta.
        The rows a build did not write were tested by the build that wrote
        them (README "Incremental builds"). -#}
    {%- if not execute or model is string or flags.FULL_REFRESH
        or flags.WHICH != 'build' -%}
        {{ return(model) }}
    {%- endif -%}
    {%- set nodes = graph.nodes.values()
        | selectattr('resource_type', 'equalto', 'model')
        | selectattr('schema', 'equalto', model.schema)
        | selectattr('alias', 'equalto', model.identifier)
        | list -%}
    {%- if nodes | length != 1 or nodes[0].unique_id not in selected_resources -%}
        {{ return(model) }}
    {%- endif -%}
    {%- set rows_written = nodes[0].config.meta.get('rows_written') -%}
    {%- if rows_written is none -%}
        {{ return(model) }}
    {%- elif rows_written == 'changed_persons' -%}
        {%- set condition = 'person_id in (select person_id from '
            ~ assist.changed_persons_relation() ~ ')' -%}
    {%- elif rows_written is mapping and rows_written.get('written_at') -%}
        {%- set condition = rows_written.written_at ~ ' = '
            ~ assist.build_started_at() -%}
    {%- else -%}
        {%- do exceptions.raise_compiler_error(
            'rows_under_test: ' ~ nodes[0].name ~ ' has meta rows_written '
            ~ rows_written ~ '; expected changed_persons or {written_at: '
            ~ '<timestamp column>}') -%}
    {%- endif -%}
    {{ return('(select * from ' ~ model ~ ' where ' ~ condition
        ~ ') as rows_under_test') }}
{%- endmacro %}
