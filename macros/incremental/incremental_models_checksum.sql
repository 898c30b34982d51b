{% macro incremental_models_checksum() -%}
    {#- The SQL checksums of the project's incremental models, as one text
        (part of every person's fingerprint: a changed model recomputes
        every person). Empty while parsing. -#}
    {%- set checksums = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model'
                and node.package_name == project_name
                and node.config.materialized == 'incremental' -%}
                {%- do checksums.append(node.name ~ '=' ~ node.checksum.checksum) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(checksums | sort | join(',')) }}
{%- endmacro %}
