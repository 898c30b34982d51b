{% macro url_host(url) -%}
    {#- The host of a URL, lower-cased, without port, user info, trailing dot
        or a leading `www.`; null for null, empty or unparseable values.
        Accepts `scheme://host...`, `//host...` and a bare `host.tld[/...]`
        (a bare value needs a dot: `notaurl` is not a host).
        regexp_extract(text, pattern, group) means the same on DuckDB and
        Spark and returns '' when nothing matches; the patterns use no
        backslashes. -#}
    {%- set text = 'lower(trim(' ~ url ~ '))' -%}
    {%- set with_authority =
        '^(?:[a-z][a-z0-9+.-]*:)?//(?:[^/?#@]*@)?([^/?#:@]*)' -%}
    {%- set bare_host =
        '^([^/?#:@ ]+[.][^/?#:@ ]+)(?::[0-9]*)?(?:[/?#].*)?$' -%}
    {%- set valid_host = '^(?:www[.])?([^ .]+(?:[.][^ .]+)*)[.]?$' -%}
    nullif(
        regexp_extract(
            coalesce(
                nullif(regexp_extract({{ text }}, '{{ with_authority }}', 1), ''),
                regexp_extract({{ text }}, '{{ bare_host }}', 1)
            ),
            '{{ valid_host }}',
            1
        ),
        ''
    )
{%- endmacro %}
