{% macro raw_table_spec(table_name) -%}
    {#- The contract of one raw table as declared in _raw__sources.yml:
        {name, required_file, key, order_by, needs_identifier,
         columns: [{name, type, required, values, non_negative}]}.
        Only meaningful at execution time, when the graph is loaded. -#}
    {%- set node = graph.sources.get('source.assist.raw.' ~ table_name) -%}
    {%- if node is none -%}
        {{ exceptions.raise_compiler_error(
            "Unknown raw table '" ~ table_name ~ "': not declared in _raw__sources.yml") }}
    {%- endif -%}
    {%- set table_meta = node.config.get('meta') or node.meta or {} -%}
    {%- set columns = [] -%}
    {%- for column in node.columns.values() -%}
        {%- set column_meta = (column.get('config') or {}).get('meta') or column.get('meta') or {} -%}
        {%- do columns.append({
            'name': column.name,
            'type': column_meta.get('type', 'string'),
            'required': column_meta.get('required', false),
            'values': column_meta.get('values', []),
            'non_negative': column_meta.get('non_negative', false),
        }) -%}
    {%- endfor -%}
    {{ return({
        'name': table_name,
        'required_file': table_meta.get('required_file', false),
        'key': table_meta.get('key', []),
        'order_by': table_meta.get('order_by'),
        'needs_identifier': table_meta.get('needs_identifier', false),
        'columns': columns,
    }) }}
{%- endmacro %}
