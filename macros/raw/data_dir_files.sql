{% macro data_dir_files(kind) -%}
    {#- The files of the data directory, as a mapping: raw table (or config
        seed) name -> path (for a raw table also the path of a folder of
        deliveries or a list of file paths, macro raw_table_paths). `kind` is 'raw_files' or 'config_files'. The var
        of that name when it is set (dbt run by hand with --vars), else the
        JSON of the environment variable ASSIST_RAW_FILES /
        ASSIST_CONFIG_FILES, which `assist build` sets: dbt re-parses the
        whole project when a var changes, not when an environment variable
        read only by the models that use it does, so building another data
        directory into the same database reuses the parsed project. -#}
    {%- set given = var(kind) or {} -%}
    {%- if given | length > 0 -%}{{ return(given) }}{%- endif -%}
    {%- set text = env_var('ASSIST_' ~ kind | upper, '') | trim -%}
    {{ return(fromjson(text) if text else {}) }}
{%- endmacro %}
