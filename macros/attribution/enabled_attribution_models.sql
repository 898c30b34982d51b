{% macro enabled_attribution_models() -%}
    {#- The var attribution_models, checked: a non-empty list of distinct
        names, each a known model (a macro attribution_<name>). Anything else
        fails compilation with a message naming the problem and the known
        models. -#}
    {%- set enabled = var('attribution_models') -%}
    {%- set known = assist.known_attribution_models() -%}
    {%- set hint = " Known models: " ~ (known | join(', '))
        ~ " (each a macro attribution_<name> in macros/attribution/)." -%}
    {%- if enabled is string or enabled is mapping
        or enabled is not iterable or enabled | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "var attribution_models must be a non-empty list of model names, "
            ~ "got '" ~ enabled ~ "'." ~ hint) }}
    {%- endif -%}
    {%- set seen = [] -%}
    {%- for name in enabled -%}
        {%- if name is not string or name not in known -%}
            {{ exceptions.raise_compiler_error(
                "Unknown attribution model '" ~ name
                ~ "' in var attribution_models." ~ hint) }}
        {%- endif -%}
        {%- if name in seen -%}
            {{ exceptions.raise_compiler_error(
                "Attribution model '" ~ name ~ "' is listed twice in var "
                ~ "attribution_models.") }}
        {%- endif -%}
        {%- do seen.append(name) -%}
    {%- endfor -%}
    {{ return(seen) }}
{%- endmacro %}
