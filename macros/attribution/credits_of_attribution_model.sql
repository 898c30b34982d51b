{% macro credits_of_attribution_model(model_name, paths) -%}
    {#- The select of model `model_name`'s credits on the path rows named by
        `paths` (a CTE or relation shaped like int_conversion_paths): the
        model's macro attribution_<model_name>(paths), called with its
        defaults (which read the model's settings from vars).

        A model macro takes `paths` (text: the name to select from) and
        returns one select statement, usable as a CTE body, with every column
        of `paths` plus `credit` (double): exactly one row per path row
        (credit 0 where the model gives none), credits summing to 1 per
        conversion_id. Extra columns are ignored. It may ref() models of its
        own (journey-level inputs of data-driven models); it never sees
        conversions without eligible touches (those are `unattributed`). -#}
    {%- if model_name not in assist.known_attribution_models() -%}
        {{ exceptions.raise_compiler_error(
            "Unknown attribution model '" ~ model_name ~ "'. Known models: "
            ~ (assist.known_attribution_models() | join(', '))) }}
    {%- endif -%}
    {{ return(assist.get('attribution_' ~ model_name)(paths)) }}
{%- endmacro %}
