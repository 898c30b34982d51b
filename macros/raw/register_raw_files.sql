{% macro register_raw_files() -%}
    {#- Makes each raw table of the data directory (data_dir_files: table ->
        the path of its file, the path of its folder of deliveries, or a
        list of file paths; raw_table_paths) a relation of the raw schema
        holding every contract column as text (absent columns null, a raw
        `email` column hashed), the union by column name of its files; each
        absent optional table (and an empty folder) an empty relation. Every
        file is checked before anything is created, and an error names the
        file. Does nothing when raw_files is empty (the raw relations are
        existing warehouse tables). -#}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set files = assist.data_dir_files('raw_files') -%}
    {%- if files | length == 0 -%}{{ return('') }}{%- endif -%}
    {%- if files is not mapping -%}
        {{ exceptions.raise_compiler_error(
            "raw_files must map raw table names to file paths") }}
    {%- endif -%}

    {%- set plans = [] -%}
    {%- for table_name in assist.raw_table_names() -%}
        {%- set spec = assist.raw_table_spec(table_name) -%}
        {%- set entry = files.get(table_name) -%}
        {%- if entry is not none and entry != '' -%}
            {%- set checked = [] -%}
            {%- for path in assist.raw_table_paths(table_name, entry) -%}
                {%- set present = assist.raw_file_columns(path) -%}
                {%- set present_lower = present | map('lower') | list -%}
                {%- for column in spec.columns if column.required -%}
                    {%- if column.name not in present_lower -%}
                        {{ exceptions.raise_compiler_error(
                            path ~ ": required column '" ~ column.name
                            ~ "' of raw table " ~ table_name ~ " is missing") }}
                    {%- endif -%}
                {%- endfor -%}
                {%- do checked.append({'path': path, 'present': present}) -%}
            {%- endfor -%}
            {%- do plans.append({'spec': spec, 'files': checked}) -%}
        {%- elif spec.required_file -%}
            {{ exceptions.raise_compiler_error(
                "raw table " ~ table_name ~ " is required but no file "
                ~ table_name ~ ".csv or " ~ table_name ~ ".parquet and no "
                ~ "folder " ~ table_name ~ "/ was given") }}
        {%- else -%}
            {%- do plans.append({'spec': spec, 'files': []}) -%}
        {%- endif -%}
    {%- endfor -%}

    {%- set overrides = assist.data_dir_files('config_files') -%}
    {%- for seed_name, path in overrides.items() -%}
        {%- do assist.raw_file_columns(path) -%}
    {%- endfor -%}

    {%- do run_query(assist.create_raw_schema()) -%}
    {%- do assist.register_delivered_files(plans) -%}
    {%- for plan in plans -%}
        {%- do run_query(assist.create_raw_relation(plan.spec, plan.files)) -%}
    {%- endfor -%}
    {%- for seed_name, path in overrides.items() -%}
        {%- do run_query(assist.create_config_relation(seed_name, path)) -%}
    {%- endfor -%}
    {%- do log('Registered ' ~ plans | length ~ ' raw tables and ' ~ overrides | length
        ~ ' configuration overrides from the data directory', info=true) -%}
    {{ return('') }}
{%- endmacro %}
