"""The report's sections, one per report mart: each chart followed by the
table behind it, or a note when the mart is missing or empty."""

from __future__ import annotations

from functools import partial

from assist.report.captions import chart_caption
from assist.report.charts import (
    PALETTE,
    Series,
    forest_plot,
    funnel_chart,
    horizontal_bars,
    vertical_bars,
)
from assist.report.columns import Column, column, table_columns
from assist.report.formats import esc, fmt_int, fmt_num, fmt_pct
from assist.report.layout import (
    chart_with_table,
    conversion_types,
    data_table,
    figure,
    mart_section,
    of_type,
    per_type_section,
)
from assist.report.marts import Marts, Row

TOP_PATHS = 10
TABLE_PATHS = 25


def _channel_assists_variant(conversion_type: str, rows: list[Row]) -> str:
    subset = sorted(
        rows,
        key=lambda r: (
            -(r["assisted_conversions"] + r["last_touch_conversions"]),
            str(r["channel"]),
        ),
    )
    svg = horizontal_bars(
        [r["channel"] for r in subset],
        [
            Series("assisted", [r["assisted_conversions"] for r in subset], PALETTE[0]),
            Series(
                "last touch",
                [r["last_touch_conversions"] for r in subset],
                PALETTE[1],
            ),
            Series(
                "first touch",
                [r["first_touch_conversions"] for r in subset],
                PALETTE[2],
            ),
        ],
        title=f"Assisted vs last-touch conversions by channel ({conversion_type})",
    )
    return chart_with_table(
        "channel_assists", svg, subset, "rpt_channel_assists", variant=conversion_type
    )


def section_channel_assists(marts: Marts) -> str:
    return per_type_section(
        marts,
        "rpt_channel_assists",
        "assists",
        "conversions with a path",
        _channel_assists_variant,
    )


def _model_comparison_variant(conversion_type: str, rows: list[Row]) -> str:
    models = sorted({str(r["model"]) for r in rows})
    totals: dict[str, float] = {}
    for row in rows:
        totals[row["channel"]] = totals.get(row["channel"], 0.0) + float(
            row["credited_conversions"]
        )
    channels = sorted(totals, key=lambda c: (-totals[c], str(c)))
    credit = {(r["model"], r["channel"]): r["credited_conversions"] for r in rows}
    series = [
        Series(
            model,
            [credit.get((model, c), 0.0) for c in channels],
            PALETTE[i % len(PALETTE)],
        )
        for i, model in enumerate(models)
    ]
    svg = horizontal_bars(
        channels,
        series,
        title=f"Credited conversions by model and channel ({conversion_type})",
        value_format=lambda v: fmt_num(v, 1),
    )
    pivot = []
    for channel in channels:
        row: Row = {"channel": channel}
        for r in rows:
            if r["channel"] == channel:
                row[f"conversions:{r['model']}"] = r["credited_conversions"]
                row[f"revenue:{r['model']}"] = r["credited_revenue"]
        pivot.append(row)
    table = data_table(
        pivot,
        [column("channel", "channel", "text")]
        + [Column(f"conversions:{m}", m, lambda v: fmt_num(v, 1)) for m in models],
        f"rpt_model_comparison · {conversion_type} · credited conversions",
    ) + data_table(
        pivot,
        [column("channel", "channel", "text")]
        + [Column(f"revenue:{m}", m, fmt_num) for m in models],
        f"rpt_model_comparison · {conversion_type} · credited revenue",
    )
    return (
        figure(
            "model_comparison",
            svg,
            chart_caption("model_comparison"),
            conversion_type,
        )
        + table
    )


def section_model_comparison(marts: Marts) -> str:
    return per_type_section(
        marts,
        "rpt_model_comparison",
        "models",
        "attribution credits",
        _model_comparison_variant,
    )


def _paths_variant(conversion_type: str, rows: list[Row]) -> str:
    subset = sorted(rows, key=lambda r: r["path_rank"])
    top = subset[:TOP_PATHS]
    svg = horizontal_bars(
        [r["path"] for r in top],
        [Series("conversions", [r["conversions"] for r in top], PALETTE[0])],
        title=f"Top conversion paths ({conversion_type})",
        label_width=330,
    )
    return chart_with_table(
        "top_paths",
        svg,
        subset[:TABLE_PATHS],
        "rpt_conversion_paths",
        table_caption=f"rpt_conversion_paths · {conversion_type} (top {TABLE_PATHS})",
        variant=conversion_type,
    )


def section_paths(marts: Marts) -> str:
    return per_type_section(
        marts, "rpt_conversion_paths", "paths", "conversion paths", _paths_variant
    )


def _distribution_variant(
    name: str, chart: str, conversion_type: str, rows: list[Row]
) -> str:
    # the table's first column is the distribution's value
    key, label = table_columns(name)[0].key, table_columns(name)[0].label
    subset = sorted(rows, key=lambda r: r[key])
    # Every value from 0 to the largest, zeros included, for a true
    # distribution.
    counts = {int(r[key]): r["conversions"] for r in subset}
    top_value = max(counts)
    labels = [str(v) for v in range(top_value + 1)]
    values = [float(counts.get(v, 0)) for v in range(top_value + 1)]
    svg = vertical_bars(
        labels,
        values,
        title=f"{chart_caption(chart)} ({conversion_type})",
        x_title=label,
        y_title="conversions",
        color=PALETTE[0 if chart == "time_lag" else 4],
    )
    return chart_with_table(chart, svg, subset, name, variant=conversion_type)


def section_distributions(marts: Marts) -> str:
    return "".join(
        per_type_section(
            marts,
            name,
            chart,
            table_columns(name)[0].label,
            partial(_distribution_variant, name, chart),
        )
        for name, chart in (
            ("rpt_conversion_time_lags", "time_lag"),
            ("rpt_conversion_path_lengths", "path_length"),
        )
    )


def section_push(marts: Marts) -> str:
    return mart_section(marts, "rpt_push_performance", "push campaigns", _push)


def _push(rows: list[Row]) -> str:
    def total(key: str) -> float:
        return float(sum(float(r[key] or 0) for r in rows))

    svg = funnel_chart(
        [
            ("sends", total("sends")),
            ("deliveries", total("deliveries")),
            ("opens + clicks", total("opens") + total("clicks")),
            ("last-touch conv.", total("last_touch_conversions")),
        ],
        title="Push funnel, all push campaigns",
    )
    return chart_with_table(
        "push_funnel",
        svg,
        sorted(rows, key=lambda r: (-float(r["sends"]), str(r["campaign_id"]))),
        "rpt_push_performance",
    )


def section_campaigns(marts: Marts) -> str:
    return mart_section(
        marts, "rpt_campaign_conversions", "campaign conversions", _campaigns
    )


def _campaigns(rows: list[Row]) -> str:
    types = conversion_types(rows)
    campaigns = sorted(
        {str(r["campaign_id"]) for r in rows},
        key=lambda c: (
            -sum(r["conversions"] for r in rows if r["campaign_id"] == c),
            c,
        ),
    )[:15]
    series = [
        Series(
            conversion_type,
            [
                sum(
                    r["conversions"]
                    for r in rows
                    if r["campaign_id"] == campaign
                    and r["conversion_type"] == conversion_type
                )
                for campaign in campaigns
            ],
            PALETTE[i % len(PALETTE)],
        )
        for i, conversion_type in enumerate(types)
    ]
    svg = horizontal_bars(
        campaigns, series, title="Campaign conversions (engagement-platform policy)"
    )
    return chart_with_table(
        "campaign_conversions",
        svg,
        sorted(rows, key=lambda r: (r["campaign_id"], r["conversion_type"])),
        "rpt_campaign_conversions",
    )


def section_holdout(marts: Marts) -> str:
    return mart_section(marts, "rpt_holdout_lift", "holdout experiments", _holdout)


def _holdout(rows: list[Row]) -> str:
    rows = sorted(
        rows,
        key=lambda r: (
            r["conversion_type"] != "purchase",
            r["conversion_type"],
            r["campaign_id"],
        ),
    )
    svg = forest_plot(rows, title="Holdout lift with 95% intervals")
    return chart_with_table("holdout_lift", svg, rows, "rpt_holdout_lift")


def _markov_variant(conversion_type: str, rows: list[Row]) -> str:
    subset = sorted(
        rows,
        key=lambda r: (-float(r.get("removal_effect") or 0), str(r["channel"])),
    )
    svg = horizontal_bars(
        [str(r["channel"]) for r in subset],
        [
            Series(
                "removal effect",
                [r.get("removal_effect") for r in subset],
                PALETTE[4],
            )
        ],
        title=f"Markov removal effects ({conversion_type})",
        value_format=fmt_pct,
        percent_axis=True,
    )
    return chart_with_table(
        "markov_removal_effects",
        svg,
        subset,
        "rpt_markov_removal_effects",
        variant=conversion_type,
    )


def section_markov(marts: Marts) -> str:
    name = "rpt_markov_removal_effects"
    html = per_type_section(
        marts, name, "markov", "Markov removal effects", _markov_variant, missing=""
    )
    if not marts.rows(name):  # missing or empty: no heading of its own
        return html
    return f"<section><h2>Markov removal effects</h2>{html}</section>"


def section_summary(marts: Marts) -> str:
    lengths = marts.rows("rpt_conversion_path_lengths")
    cards = []
    for conversion_type in conversion_types(lengths):
        subset = of_type(lengths, conversion_type)
        conversions = sum(r["conversions"] for r in subset)
        with_path = sum(r["conversions"] for r in subset if r["path_length"] > 0)
        revenue = sum(float(r["revenue"] or 0) for r in subset)
        cards.append(
            f'<div class="card"><div class="card-title">{esc(conversion_type)}</div>'
            f'<div class="card-value">{fmt_int(conversions)}</div>'
            f"<div>conversions · revenue {fmt_num(revenue)}</div>"
            f"<div>{fmt_pct(with_path / conversions if conversions else None)} "
            "with an eligible touch</div></div>"
        )
    return f'<div class="cards">{"".join(cards)}</div>' if cards else ""
