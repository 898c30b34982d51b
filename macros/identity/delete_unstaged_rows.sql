{% macro delete_unstaged_rows(staged, key) -%}
    {#- Post-hook of a stitched model: on an incremental build, when it has
        more rows than the staging model `staged` (every staged row is in
        it, so the difference is rows whose key is no longer staged: a kept
        row re-decided as quarantined, the rows of a vanished file),
        deletes the rows whose key is not staged. Two row counts otherwise. -#}
    {%- if not execute or not is_incremental() -%}{{ return('') }}{%- endif -%}
    {%- set counts = run_query('select (select count(*) from ' ~ this
        ~ ') - (select count(*) from ' ~ ref(staged) ~ ')') -%}
    {%- if counts.columns[0].values()[0] == 0 -%}{{ return('') }}{%- endif -%}
    {%- do log(this.identifier ~ ': rows no longer staged are removed', info=true) -%}
    delete from {{ this }}
    where {{ key }} not in (select {{ key }} from {{ ref(staged) }})
{%- endmacro %}
