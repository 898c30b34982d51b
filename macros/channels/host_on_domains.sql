{% macro host_on_domains(host, domains) -%}
    {#- A boolean expression: `host` (already lower-case, without `www.`) is
        one of `domains` or a subdomain of one. Domains are normalised the
        same way (trimmed, lower-cased, leading `www.` and trailing dot
        removed), so `www.shop.com` also covers `blog.shop.com`. No domains:
        false. A null host gives null. Suffixes are compared as text, not
        with LIKE, whose `_` would be a wildcard. -#}
    {%- if domains is string -%}
        {%- set domains = [domains] -%}
    {%- endif -%}
    {%- set normalised = [] -%}
    {%- for domain in domains or [] -%}
        {%- set name = (domain | string | trim | lower).rstrip('.') -%}
        {%- if name.startswith('www.') -%}
            {%- set name = name[4:] -%}
        {%- endif -%}
        {%- if name and name not in normalised -%}
            {%- do normalised.append(name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if normalised | length == 0 -%}
        false
    {%- else -%}
        (
        {%- for name in normalised %}
            {%- set literal = name | replace("'", "''") %}
            {{ host }} = '{{ literal }}'
            or {{ dbt.right(host, name | length + 1) }} = '.{{ literal }}'
            {{- " or" if not loop.last }}
        {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}
