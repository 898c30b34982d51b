"""The columns of the report's tables: which columns of each report mart a
table shows, in what order, under what heading and in what format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from assist.report.formats import fmt_int, fmt_num, fmt_p, fmt_pct


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    format: Callable[[Any], str] = str
    numeric: bool = True


# How a cell is shown; `text` is a text column (left-aligned, as it is).
FORMATS: dict[str, Callable[[Any], str]] = {
    "int": fmt_int,
    "num": fmt_num,
    "num1": lambda value: fmt_num(value, 1),
    "num3": lambda value: fmt_num(value, 3),
    "pct": fmt_pct,
    "pct2": lambda value: fmt_pct(value, 2),
    "p": fmt_p,
}

# mart | column | heading | format, in the order of the table.
TABLES = """
rpt_channel_assists | channel | channel | text
rpt_channel_assists | assisted_conversions | assisted | int
rpt_channel_assists | assisted_value | assisted value | num
rpt_channel_assists | last_touch_conversions | last touch | int
rpt_channel_assists | last_touch_value | last-touch value | num
rpt_channel_assists | first_touch_conversions | first touch | int
rpt_channel_assists | assist_ratio | assist ratio | num
rpt_channel_assists | click_assisted_conversions | click-assisted | int
rpt_channel_assists | impression_assisted_conversions | impression-assisted | int

rpt_conversion_paths | path_rank | # | int
rpt_conversion_paths | path | path | text
rpt_conversion_paths | conversions | conversions | int
rpt_conversion_paths | share_of_conversions | share | pct
rpt_conversion_paths | revenue | revenue | num
rpt_conversion_paths | avg_path_length | avg touches | num
rpt_conversion_paths | avg_days_to_convert | avg days to convert | num

rpt_conversion_time_lags | days_to_convert | \
days from the first touch to the conversion | int
rpt_conversion_time_lags | conversions | conversions | int
rpt_conversion_time_lags | share_of_conversions | share | pct
rpt_conversion_time_lags | revenue | revenue | num

rpt_conversion_path_lengths | path_length | eligible touches on the path | int
rpt_conversion_path_lengths | conversions | conversions | int
rpt_conversion_path_lengths | share_of_conversions | share | pct
rpt_conversion_path_lengths | revenue | revenue | num

rpt_push_performance | campaign_id | campaign | text
rpt_push_performance | campaign_name | name | text
rpt_push_performance | channel | channel | text
rpt_push_performance | sends | sends | int
rpt_push_performance | deliveries | deliveries | int
rpt_push_performance | opens | opens | int
rpt_push_performance | opt_outs | opt-outs | int
rpt_push_performance | delivery_rate | delivery rate | pct
rpt_push_performance | open_rate | open rate | pct
rpt_push_performance | opt_out_rate | opt-out rate | pct2
rpt_push_performance | last_touch_conversions | last-touch conv. | int
rpt_push_performance | last_touch_revenue | last-touch revenue | num
rpt_push_performance | assisted_conversions | assisted conv. | int
rpt_push_performance | assisted_revenue | assisted revenue | num
rpt_push_performance | revenue_per_send | revenue / send | num3
rpt_push_performance | cost | cost | num

rpt_campaign_conversions | campaign_id | campaign | text
rpt_campaign_conversions | campaign_name | name | text
rpt_campaign_conversions | conversion_type | conversion | text
rpt_campaign_conversions | conversions | conversions | int
rpt_campaign_conversions | revenue | revenue | num
rpt_campaign_conversions | converting_persons | persons | int

rpt_holdout_lift | campaign_id | campaign | text
rpt_holdout_lift | conversion_type | conversion | text
rpt_holdout_lift | treatment_users | treatment users | int
rpt_holdout_lift | control_users | control users | int
rpt_holdout_lift | treatment_rate | treatment rate | pct2
rpt_holdout_lift | control_rate | control rate | pct2
rpt_holdout_lift | absolute_lift | lift (pp) | pct2
rpt_holdout_lift | relative_lift | relative lift | pct
rpt_holdout_lift | ci_low | 95% low | pct2
rpt_holdout_lift | ci_high | 95% high | pct2
rpt_holdout_lift | p_value | p-value | p
rpt_holdout_lift | incremental_conversions | incremental conv. | num1
rpt_holdout_lift | incremental_revenue | incremental revenue | num

rpt_markov_removal_effects | channel | channel | text
rpt_markov_removal_effects | removal_effect | removal effect | pct
rpt_markov_removal_effects | share | share | pct
rpt_markov_removal_effects | credited_conversions | credited conversions | num
"""


def column(key: str, label: str, kind: str) -> Column:
    """A column shown in format `kind` (a key of FORMATS, or `text`)."""
    if kind == "text":
        return Column(key, label, numeric=False)
    return Column(key, label, FORMATS[kind])


@cache
def table_columns(mart: str) -> tuple[Column, ...]:
    """The columns of the table of `mart`, in order."""
    found = []
    for line in TABLES.strip().splitlines():
        if line.strip():
            name, key, label, kind = (part.strip() for part in line.split("|"))
            if name == mart:
                found.append(column(key, label, kind))
    if not found:
        raise KeyError(f"no table columns for {mart}")
    return tuple(found)
