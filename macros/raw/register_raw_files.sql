{% macro register_raw_files() -%}
    {#- Makes each raw file of the data directory (data_dir_files: table ->
        path) a relation of the raw schema holding every contract column as
        text (absent columns null, a raw `email` column hashed), and each
        absent optional table an empty relation. Every file is checked before
        anything is created. Does nothing when raw_files is empty (the raw
        relations are existing warehouse tables). -#}
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
        {%- set path = files.get(table_name) -%}
        {%- if path -%}
            {%- set present = assist.raw_file_columns(path) -%}
            {%- set present_lower = present | map('lower') | list -%}
            {%- for column in spec.columns if column.required -%}
                {%- if column.name not in present_lower -%}
                    {{ exceptions.raise_compiler_error(
                        path ~ ": required column '" ~ column.name
                        ~ "' of raw table " ~ table_name ~ " is missing") }}
                {%- endif -%}
            {%- endfor -%}
            {%- do plans.append({'spec': spec, 'path': path, 'present': present}) -%}
        {%- elif spec.required_file -%}
            {{ exceptions.raise_compiler_error(
                "raw table " ~ table_name ~ " is required but no file "
                ~ table_name ~ ".csv or " ~ table_name ~ ".parquet was given") }}
        {%- else -%}
            {%- do plans.append({'spec': spec, 'path': none, 'present': []}) -%}
        {%- endif -%}
    {%- endfor -%}

    {%- set overrides = assist.data_dir_files('config_files') -%}
    {%- for seed_name, path in overrides.items() -%}
        {%- do assist.raw_file_columns(path) -%}
    {%- endfor -%}

    {%- do run_query(assist.create_raw_schema()) -%}
    {%- for plan in plans -%}
        {%- do run_query(assist.create_raw_relation(plan.spec, plan.path, plan.present)) -%}
    {%- endfor -%}
    {%- for seed_name, path in overrides.items() -%}
        {%- do run_query(assist.create_config_relation(seed_name, path)) -%}
    {%- endfor -%}
    {%- do log('Registered ' ~ plans | length ~ ' raw tables and ' ~ overrides | length
        ~ ' configuration overrides from the data directory', info=true) -%}
    {{ return('') }}
{%- endmacro %}
