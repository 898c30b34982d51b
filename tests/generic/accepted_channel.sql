{% test accepted_channel(model, column_name, include_unattributed=false) %}
{#- Fails with every value of the column that is not one of the contract's
    channels (macro accepted_channels); nulls pass (test not_null apart). -#}
{%- set channels = assist.accepted_channels(include_unattributed) %}
select
    {{ column_name }} as channel,
    count(*) as row_count
from {{ assist.rows_under_test(model) }}
where {{ column_name }} is not null
    and {{ column_name }} not in (
        {%- for channel in channels %}
        '{{ channel }}'{{ "," if not loop.last }}
        {%- endfor %}
    )
group by {{ column_name }}
{% endtest %}
