"""`assist report`: one self-contained HTML file from the report marts.

Reads the `marts` schema of a built DuckDB file (read-only) and writes a
single HTML page that works offline: every chart is an inline SVG drawn here,
the little JavaScript (conversion-type switches, sortable tables, a self-check)
is inline too, and nothing is fetched at view time. Each chart is followed by
the table behind it. The numbers are the marts' own: this module only lays
them out (no business logic; see CONTRACT 10 and models/marts/reports/).
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.dblock import reading_built
from assist.project import UsageError

MARTS_SCHEMA = "marts"
PALETTE = (
    "#2563eb",
    "#f59e0b",
    "#10b981",
    "#ef4444",
    "#8b5cf6",
    "#06b6d4",
    "#84cc16",
    "#ec4899",
    "#64748b",
    "#0f766e",
)
CHART_WIDTH = 820
TOP_PATHS = 10
TABLE_PATHS = 25

Row = dict[str, Any]


# --- reading the marts ----------------------------------------------------------


@dataclass(frozen=True)
class Marts:
    """The rows of every report mart found in the file (None when absent)."""

    tables: dict[str, list[Row] | None]
    db_path: Path

    def rows(self, name: str) -> list[Row]:
        return self.tables.get(name) or []

    def has(self, name: str) -> bool:
        return self.tables.get(name) is not None


REPORT_TABLES = (
    "rpt_channel_assists",
    "rpt_model_comparison",
    "rpt_conversion_paths",
    "rpt_conversion_time_lags",
    "rpt_conversion_path_lengths",
    "rpt_push_performance",
    "rpt_campaign_conversions",
    "rpt_holdout_lift",
    "rpt_markov_removal_effects",
)


def read_marts(db_path: Path) -> Marts:
    """Reads the report marts of a built DuckDB file, under the shared run
    lock (no build can start meanwhile)."""
    with reading_built(db_path) as connection:
        present = {
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ?",
                [MARTS_SCHEMA],
            ).fetchall()
        }
        if not present:
            raise UsageError(
                f"{db_path} has no `{MARTS_SCHEMA}` schema: run `assist build` first"
            )
        tables: dict[str, list[Row] | None] = {}
        for name in REPORT_TABLES:
            if name not in present:
                tables[name] = None
                continue
            cursor = connection.execute(f'select * from {MARTS_SCHEMA}."{name}"')
            columns = [column[0] for column in cursor.description]
            tables[name] = [
                dict(zip(columns, row, strict=True)) for row in cursor.fetchall()
            ]
        return Marts(tables, db_path)


# --- formatting -------------------------------------------------------------------


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def fmt_int(value: Any) -> str:
    return "–" if value is None else f"{int(round(float(value))):,}"


def fmt_num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    number = float(value)
    if number != 0 and abs(number) < 10 ** (-digits):
        return f"{number:.{digits}e}"
    return f"{number:,.{digits}f}"


def fmt_pct(value: Any, digits: int = 1) -> str:
    return "–" if value is None else f"{float(value) * 100:.{digits}f}%"


def fmt_p(value: Any) -> str:
    if value is None:
        return "–"
    number = float(value)
    return f"{number:.2e}" if 0 < number < 1e-4 else f"{number:.4f}"


def _nice_step(span: float, ticks: int = 5) -> float:
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _ticks(low: float, high: float) -> list[float]:
    step = _nice_step(high - low)
    start = math.floor(low / step) * step
    values = []
    value = start
    while value <= high + step * 1e-9:
        if value >= low - step * 1e-9:
            values.append(round(value, 12))
        value += step
    return values


def _tick_label(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:g}%"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:g}"


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    size: int = 12,
    weight: str = "normal",
    fill: str = "#1f2937",
    css_class: str = "",
) -> str:
    klass = f' class="{css_class}"' if css_class else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}"{klass}>{_esc(content)}</text>'
    )


def _svg(width: int, height: float, label: str, body: Iterable[str]) -> str:
    return (
        f'<svg viewBox="0 0 {width} '
        f'{height:.0f}" width="100%" role="img" aria-label="{_esc(label)}" '
        f'font-family="system-ui, sans-serif">' + "".join(body) + "</svg>"
    )


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# --- charts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    color: str


def _legend(series: Sequence[Series], x: float, y: float) -> tuple[list[str], float]:
    """Legend entries from (x, y), wrapped at the chart's width; returns the
    parts and the y of the last line."""
    parts = []
    left = x
    for item in series:
        width = 30 + 7.2 * len(item.name)
        if x + width > CHART_WIDTH and x > left:
            x, y = left, y + 18
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" rx="2" '
            f'fill="{item.color}"/>'
        )
        parts.append(_text(x + 17, y, item.name))
        x += width
    return parts, y


def horizontal_bars(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    value_format: Callable[[Any], str] = fmt_int,
    percent_axis: bool = False,
    label_width: int = 190,
) -> str:
    """Grouped horizontal bars: one band per label, one bar per series."""
    bar = 13 if len(series) <= 3 else max(6, 26 // len(series) + 2)
    gap, band_pad, bottom = (3 if len(series) <= 3 else 1), 12, 26
    legend, legend_y = _legend(series, label_width, 18)
    top = legend_y + 16
    band = len(series) * (bar + gap) + band_pad
    height = top + band * max(len(labels), 1) + bottom
    plot_left, plot_right = label_width, CHART_WIDTH - 80
    values = [float(v) for item in series for v in item.values if v is not None]
    high = max(values + [0.0]) or 1.0
    ticks = _ticks(0.0, high)
    high = max(ticks[-1], high)
    scale = (plot_right - plot_left) / high
    parts = legend
    axis_y = top + band * len(labels)
    for tick in ticks:
        x = plot_left + tick * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y}" '
            'stroke="#e5e7eb"/>'
        )
        parts.append(
            _text(
                x,
                axis_y + 16,
                _tick_label(tick, percent_axis),
                anchor="middle",
                size=11,
                fill="#6b7280",
            )
        )
    for row, label in enumerate(labels):
        y0 = top + row * band
        parts.append(
            _text(
                plot_left - 8,
                y0 + (band - band_pad) / 2 + 4,
                _shorten(label, label_width // 7),
                anchor="end",
            )
        )
        for index, item in enumerate(series):
            value = item.values[row]
            y = y0 + index * (bar + gap)
            length = 0.0 if value is None else max(float(value), 0.0) * scale
            shown = value_format(value)
            parts.append(
                f'<rect class="bar" x="{plot_left}" y="{y:.1f}" '
                f'width="{length:.1f}" height="{bar}" rx="2" fill="{item.color}">'
                f"<title>{_esc(label)} · {_esc(item.name)}: {_esc(shown)}</title>"
                "</rect>"
            )
            if bar >= 10:
                parts.append(_text(plot_left + length + 4, y + bar - 2, shown, size=10))
    parts.append(
        f'<line x1="{plot_left}" y1="{top - 4}" x2="{plot_left}" y2="{axis_y}" '
        'stroke="#9ca3af"/>'
    )
    return _svg(CHART_WIDTH, height, title, parts)


def vertical_bars(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    x_title: str,
    y_title: str,
    color: str = PALETTE[0],
) -> str:
    """A histogram-like column chart."""
    height, top, bottom, left, right = 300, 20, 56, 64, 20
    plot_height = height - top - bottom
    plot_width = CHART_WIDTH - left - right
    high = max([float(v) for v in values] + [0.0]) or 1.0
    ticks = _ticks(0.0, high)
    high = max(ticks[-1], high)
    slot = plot_width / max(len(labels), 1)
    bar = max(min(slot * 0.8, 48), 2)
    parts = []
    for tick in ticks:
        y = top + plot_height - tick / high * plot_height
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_width}" y2="{y:.1f}" '
            'stroke="#e5e7eb"/>'
        )
        parts.append(
            _text(
                left - 6,
                y + 4,
                _tick_label(tick, False),
                anchor="end",
                size=11,
                fill="#6b7280",
            )
        )
    every = max(1, math.ceil(len(labels) / 30))
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        bar_height = max(float(value), 0.0) / high * plot_height
        x = left + index * slot + (slot - bar) / 2
        y = top + plot_height - bar_height
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
            f'height="{bar_height:.1f}" fill="{color}" rx="1">'
            f"<title>{_esc(x_title)} {_esc(label)}: {_esc(fmt_int(value))}</title>"
            "</rect>"
        )
        if index % every == 0:
            parts.append(
                _text(
                    x + bar / 2,
                    top + plot_height + 15,
                    label,
                    anchor="middle",
                    size=11,
                    fill="#374151",
                )
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_height}" x2="{left + plot_width}" '
        f'y2="{top + plot_height}" stroke="#9ca3af"/>'
    )
    parts.append(
        _text(
            left + plot_width / 2, height - 12, x_title, anchor="middle", fill="#4b5563"
        )
    )
    parts.append(
        f'<text x="14" y="{top + plot_height / 2:.1f}" font-size="12" fill="#4b5563" '
        f'text-anchor="middle" transform="rotate(-90 14 {top + plot_height / 2:.1f})">'
        f"{_esc(y_title)}</text>"
    )
    return _svg(CHART_WIDTH, height, title, parts)


def funnel_chart(steps: Sequence[tuple[str, float]], *, title: str) -> str:
    """Centred bars, each with its share of the previous and of the first step."""
    bar, gap, top = 34, 10, 10
    height = top + len(steps) * (bar + gap) + 10
    center, widest = CHART_WIDTH / 2 + 60, CHART_WIDTH - 300
    first = float(steps[0][1]) if steps and steps[0][1] else 0.0
    parts = []
    previous: float | None = None
    for index, (label, value) in enumerate(steps):
        number = float(value or 0)
        width = widest * (number / first) if first else 0.0
        width = max(width, 2.0)
        y = top + index * (bar + gap)
        color = PALETTE[index % len(PALETTE)]
        share = f" · {number / previous * 100:.1f}% of previous" if previous else ""
        parts.append(
            f'<rect class="bar" x="{center - width / 2:.1f}" y="{y}" '
            f'width="{width:.1f}" height="{bar}" rx="3" fill="{color}">'
            f"<title>{_esc(label)}: {_esc(fmt_int(number))}{_esc(share)}</title>"
            "</rect>"
        )
        parts.append(_text(150, y + bar / 2 + 4, label, anchor="end", weight="600"))
        parts.append(_text(160, y + bar / 2 + 4, fmt_int(number), fill="#374151"))
        if previous:
            parts.append(
                _text(
                    CHART_WIDTH - 10,
                    y + bar / 2 + 4,
                    f"{number / previous * 100:.1f}% of previous",
                    anchor="end",
                    size=11,
                    fill="#6b7280",
                )
            )
        previous = number if number else None
    return _svg(CHART_WIDTH, height, title, parts)


def forest_plot(rows: Sequence[Row], *, title: str) -> str:
    """Absolute lift with its 95% interval per row, a dashed line at zero."""
    row_height, top, bottom, left, right = 30, 16, 40, 250, 150
    height = top + row_height * max(len(rows), 1) + bottom
    bounds = [0.0]
    for row in rows:
        for key in ("ci_low", "ci_high", "absolute_lift"):
            if row.get(key) is not None:
                bounds.append(float(row[key]))
    low, high = min(bounds), max(bounds)
    if high - low < 1e-9:
        low, high = low - 0.01, high + 0.01
    ticks = _ticks(low, high)
    low, high = min(ticks[0], low), max(ticks[-1], high)
    plot_width = CHART_WIDTH - left - right

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * plot_width

    axis_y = top + row_height * len(rows)
    parts = []
    for tick in ticks:
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" '
            'stroke="#e5e7eb"/>'
        )
        parts.append(
            _text(
                x,
                axis_y + 16,
                f"{tick * 100:+g} pp" if tick else "0",
                anchor="middle",
                size=11,
                fill="#6b7280",
            )
        )
    zero = x_of(0.0)
    parts.append(
        f'<line x1="{zero:.1f}" y1="{top - 6}" x2="{zero:.1f}" y2="{axis_y}" '
        'stroke="#111827" stroke-dasharray="4 3"/>'
    )
    for index, row in enumerate(rows):
        y = top + index * row_height + row_height / 2
        label = f"{row['campaign_id']} · {row['conversion_type']}"
        parts.append(_text(left - 10, y + 4, _shorten(label, 34), anchor="end"))
        lift, ci_low, ci_high = row["absolute_lift"], row["ci_low"], row["ci_high"]
        if lift is None or ci_low is None or ci_high is None:
            parts.append(
                _text(
                    zero + 6,
                    y + 4,
                    "no estimate (empty group)",
                    size=11,
                    fill="#6b7280",
                )
            )
            continue
        p_value = row.get("p_value")
        significant = p_value is not None and float(p_value) < 0.05
        color = (
            ("#059669" if float(lift) > 0 else "#dc2626") if significant else "#2563eb"
        )
        detail = (
            f"{label}: lift {fmt_pct(lift, 2)} "
            f"[{fmt_pct(ci_low, 2)}, {fmt_pct(ci_high, 2)}], p = {fmt_p(p_value)}"
        )
        parts.append(
            f'<g class="estimate"><title>{_esc(detail)}</title>'
            f'<line x1="{x_of(float(ci_low)):.1f}" y1="{y:.1f}" '
            f'x2="{x_of(float(ci_high)):.1f}" y2="{y:.1f}" stroke="{color}" '
            'stroke-width="2.5"/>'
            f'<line x1="{x_of(float(ci_low)):.1f}" y1="{y - 6:.1f}" '
            f'x2="{x_of(float(ci_low)):.1f}" y2="{y + 6:.1f}" stroke="{color}" '
            'stroke-width="2"/>'
            f'<line x1="{x_of(float(ci_high)):.1f}" y1="{y - 6:.1f}" '
            f'x2="{x_of(float(ci_high)):.1f}" y2="{y + 6:.1f}" stroke="{color}" '
            'stroke-width="2"/>'
            f'<circle cx="{x_of(float(lift)):.1f}" cy="{y:.1f}" r="5" '
            f'fill="{color}"/></g>'
        )
        parts.append(
            _text(
                CHART_WIDTH - 8,
                y + 4,
                f"{fmt_pct(lift, 2)} (p {fmt_p(p_value)})",
                anchor="end",
                size=11,
                fill="#374151",
            )
        )
    parts.append(
        _text(
            left + plot_width / 2,
            height - 8,
            "absolute lift: treatment rate − control rate (percentage points), "
            "95% Newcombe interval",
            anchor="middle",
            size=11,
            fill="#4b5563",
        )
    )
    return _svg(CHART_WIDTH, height, title, parts)


# --- page building ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    format: Callable[[Any], str] = str
    numeric: bool = True


def data_table(rows: Sequence[Row], columns: Sequence[Column], caption: str) -> str:
    head = "".join(
        f'<th class="{"num" if c.numeric else "text"}" scope="col">{_esc(c.label)}</th>'
        for c in columns
    )
    body = []
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column.key)
            shown = "–" if value is None else column.format(value)
            sort_key = "" if value is None else str(value)
            klass = "num" if column.numeric else "text"
            cells.append(
                f'<td class="{klass}" data-sort="{_esc(sort_key)}">{_esc(shown)}</td>'
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(columns)}">no rows</td></tr>')
    return (
        '<div class="table-wrap"><table class="data sortable">'
        f"<caption>{_esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def figure(name: str, svg: str, caption: str, variant: str | None = None) -> str:
    attributes = f'class="chart" data-chart="{_esc(name)}"'
    if variant is not None:
        attributes += f' data-variant="{_esc(variant)}"'
    caption_html = f"<figcaption>{_esc(caption)}</figcaption>"
    return f"<figure {attributes}>{svg}{caption_html}</figure>"


def switcher(group: str, options: Sequence[str]) -> str:
    if len(options) < 2:
        return ""
    choices = "".join(
        f'<option value="{_esc(option)}">{_esc(option)}</option>' for option in options
    )
    return (
        f'<label class="switch">Conversion type <select data-switch="{_esc(group)}">'
        f"{choices}</select></label>"
    )


def _types(rows: Iterable[Row]) -> list[str]:
    found = sorted({str(row["conversion_type"]) for row in rows})
    return sorted(found, key=lambda name: (name != "purchase", name))


def _by_type(rows: Sequence[Row], conversion_type: str) -> list[Row]:
    return [row for row in rows if row["conversion_type"] == conversion_type]


def _missing(name: str) -> str:
    return (
        f'<p class="empty">The mart <code>{_esc(name)}</code> is not in this '
        "database (not built, or disabled).</p>"
    )


def _no_rows(what: str) -> str:
    return f'<p class="empty">No {_esc(what)} in this data set.</p>'


def _group(group: str, variants: Sequence[tuple[str, str]]) -> str:
    parts = [f'<div class="variants" data-group="{_esc(group)}">']
    for key, content in variants:
        parts.append(f'<div class="variant" data-key="{_esc(key)}">{content}</div>')
    parts.append("</div>")
    return "".join(parts)


def _per_type_section(
    marts: Marts,
    name: str,
    group: str,
    empty: str,
    render: Callable[[str, list[Row]], str],
    *,
    missing: str | None = None,
) -> str:
    """A section with one variant per conversion type of mart `name` (render
    gets the type and its rows) and a switcher between them; or why there is
    none: the mart is missing (`missing`, else the standard note) or empty."""
    if not marts.has(name):
        return _missing(name) if missing is None else missing
    rows = marts.rows(name)
    if not rows:
        return _no_rows(empty)
    types = _types(rows)
    variants = [(t, render(t, _by_type(rows, t))) for t in types]
    return switcher(group, types) + _group(group, variants)


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
    table = data_table(
        subset,
        [
            Column("channel", "channel", numeric=False),
            Column("assisted_conversions", "assisted", fmt_int),
            Column("assisted_value", "assisted value", fmt_num),
            Column("last_touch_conversions", "last touch", fmt_int),
            Column("last_touch_value", "last-touch value", fmt_num),
            Column("first_touch_conversions", "first touch", fmt_int),
            Column("assist_ratio", "assist ratio", fmt_num),
            Column("click_assisted_conversions", "click-assisted", fmt_int),
            Column("impression_assisted_conversions", "impression-assisted", fmt_int),
        ],
        f"rpt_channel_assists · {conversion_type}",
    )
    return (
        figure(
            "channel_assists",
            svg,
            "A channel assists when it has a touch before the last one; "
            "assist ratio = assisted ÷ last-touch conversions (above 1: "
            "mostly an assisting channel).",
            conversion_type,
        )
        + table
    )


def section_channel_assists(marts: Marts) -> str:
    return _per_type_section(
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
        [Column("channel", "channel", numeric=False)]
        + [Column(f"conversions:{m}", m, lambda v: fmt_num(v, 1)) for m in models],
        f"rpt_model_comparison · {conversion_type} · credited conversions",
    ) + data_table(
        pivot,
        [Column("channel", "channel", numeric=False)]
        + [Column(f"revenue:{m}", m, fmt_num) for m in models],
        f"rpt_model_comparison · {conversion_type} · credited revenue",
    )
    return (
        figure(
            "model_comparison",
            svg,
            "Fractional conversions each attribution model gives each "
            "channel; unattributed = conversions without an eligible touch.",
            conversion_type,
        )
        + table
    )


def section_model_comparison(marts: Marts) -> str:
    return _per_type_section(
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
    table = data_table(
        subset[:TABLE_PATHS],
        [
            Column("path_rank", "#", fmt_int),
            Column("path", "path", numeric=False),
            Column("conversions", "conversions", fmt_int),
            Column("share_of_conversions", "share", fmt_pct),
            Column("revenue", "revenue", fmt_num),
            Column("avg_path_length", "avg touches", fmt_num),
            Column("avg_days_to_convert", "avg days to convert", fmt_num),
        ],
        f"rpt_conversion_paths · {conversion_type} (top {TABLE_PATHS})",
    )
    return (
        figure(
            "top_paths",
            svg,
            "Channel sequences of conversions, consecutive repeats collapsed.",
            conversion_type,
        )
        + table
    )


def section_paths(marts: Marts) -> str:
    return _per_type_section(
        marts, "rpt_conversion_paths", "paths", "conversion paths", _paths_variant
    )


def section_distributions(marts: Marts) -> str:
    parts = []
    for name, key, label, chart, caption in (
        (
            "rpt_conversion_time_lags",
            "days_to_convert",
            "days from the first touch to the conversion",
            "time_lag",
            "Time lag: whole days from the first path touch to the conversion.",
        ),
        (
            "rpt_conversion_path_lengths",
            "path_length",
            "eligible touches on the path",
            "path_length",
            "Path length: eligible touches per conversion (0 = none: unattributed).",
        ),
    ):
        if not marts.has(name):
            parts.append(_missing(name))
            continue
        rows = marts.rows(name)
        if not rows:
            parts.append(_no_rows(label))
            continue
        types = _types(rows)
        variants = []
        for conversion_type in types:
            subset = sorted(_by_type(rows, conversion_type), key=lambda r: r[key])
            # Every value from 0 to the largest, zeros included, for a true
            # distribution.
            counts = {int(r[key]): r["conversions"] for r in subset}
            top_value = max(counts)
            labels = [str(v) for v in range(top_value + 1)]
            values = [float(counts.get(v, 0)) for v in range(top_value + 1)]
            svg = vertical_bars(
                labels,
                values,
                title=f"{caption} ({conversion_type})",
                x_title=label,
                y_title="conversions",
                color=PALETTE[0 if chart == "time_lag" else 4],
            )
            table = data_table(
                subset,
                [
                    Column(key, label, fmt_int),
                    Column("conversions", "conversions", fmt_int),
                    Column("share_of_conversions", "share", fmt_pct),
                    Column("revenue", "revenue", fmt_num),
                ],
                f"{name} · {conversion_type}",
            )
            variants.append(
                (conversion_type, figure(chart, svg, caption, conversion_type) + table)
            )
        parts.append(switcher(chart, types) + _group(chart, variants))
    return "".join(parts)


def section_push(marts: Marts) -> str:
    name = "rpt_push_performance"
    if not marts.has(name):
        return _missing(name)
    rows = marts.rows(name)
    if not rows:
        return _no_rows("push campaigns")

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
    table = data_table(
        sorted(rows, key=lambda r: (-float(r["sends"]), str(r["campaign_id"]))),
        [
            Column("campaign_id", "campaign", numeric=False),
            Column("campaign_name", "name", numeric=False),
            Column("channel", "channel", numeric=False),
            Column("sends", "sends", fmt_int),
            Column("deliveries", "deliveries", fmt_int),
            Column("opens", "opens", fmt_int),
            Column("opt_outs", "opt-outs", fmt_int),
            Column("delivery_rate", "delivery rate", fmt_pct),
            Column("open_rate", "open rate", fmt_pct),
            Column("opt_out_rate", "opt-out rate", lambda v: fmt_pct(v, 2)),
            Column("last_touch_conversions", "last-touch conv.", fmt_int),
            Column("last_touch_revenue", "last-touch revenue", fmt_num),
            Column("assisted_conversions", "assisted conv.", fmt_int),
            Column("assisted_revenue", "assisted revenue", fmt_num),
            Column("revenue_per_send", "revenue / send", lambda v: fmt_num(v, 3)),
            Column("cost", "cost", fmt_num),
        ],
        "rpt_push_performance",
    )
    return (
        figure(
            "push_funnel",
            svg,
            "Staged push events of every push campaign (an app push is engaged by "
            "an open, a web push by a click), and the conversions, of every type, "
            "whose last touch was one of their pushes.",
        )
        + table
    )


def section_campaigns(marts: Marts) -> str:
    name = "rpt_campaign_conversions"
    if not marts.has(name):
        return _missing(name)
    rows = marts.rows(name)
    if not rows:
        return _no_rows("campaign conversions")
    types = _types(rows)
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
    table = data_table(
        sorted(rows, key=lambda r: (r["campaign_id"], r["conversion_type"])),
        [
            Column("campaign_id", "campaign", numeric=False),
            Column("campaign_name", "name", numeric=False),
            Column("conversion_type", "conversion", numeric=False),
            Column("conversions", "conversions", fmt_int),
            Column("revenue", "revenue", fmt_num),
            Column("converting_persons", "persons", fmt_int),
        ],
        "rpt_campaign_conversions",
    )
    return (
        figure(
            "campaign_conversions",
            svg,
            "Purchases go to the single last-clicked campaign with purchase "
            "tracking on; custom events count for every clicked campaign that "
            "lists them (top 15 campaigns).",
        )
        + table
    )


def section_holdout(marts: Marts) -> str:
    name = "rpt_holdout_lift"
    if not marts.has(name):
        return _missing(name)
    rows = sorted(
        marts.rows(name),
        key=lambda r: (
            r["conversion_type"] != "purchase",
            r["conversion_type"],
            r["campaign_id"],
        ),
    )
    if not rows:
        return _no_rows("holdout experiments")
    svg = forest_plot(rows, title="Holdout lift with 95% intervals")
    table = data_table(
        rows,
        [
            Column("campaign_id", "campaign", numeric=False),
            Column("conversion_type", "conversion", numeric=False),
            Column("treatment_users", "treatment users", fmt_int),
            Column("control_users", "control users", fmt_int),
            Column("treatment_rate", "treatment rate", lambda v: fmt_pct(v, 2)),
            Column("control_rate", "control rate", lambda v: fmt_pct(v, 2)),
            Column("absolute_lift", "lift (pp)", lambda v: fmt_pct(v, 2)),
            Column("relative_lift", "relative lift", fmt_pct),
            Column("ci_low", "95% low", lambda v: fmt_pct(v, 2)),
            Column("ci_high", "95% high", lambda v: fmt_pct(v, 2)),
            Column("p_value", "p-value", fmt_p),
            Column(
                "incremental_conversions", "incremental conv.", lambda v: fmt_num(v, 1)
            ),
            Column("incremental_revenue", "incremental revenue", fmt_num),
        ],
        "rpt_holdout_lift",
    )
    return (
        figure(
            "holdout_lift",
            svg,
            "Treatment minus control conversion rate within the holdout window; "
            "green/red: p < 0.05 (pooled two-proportion z-test).",
        )
        + table
    )


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
    table = data_table(
        subset,
        [
            Column("channel", "channel", numeric=False),
            Column("removal_effect", "removal effect", fmt_pct),
            Column("share", "share", fmt_pct),
            Column("credited_conversions", "credited conversions", fmt_num),
        ],
        f"rpt_markov_removal_effects · {conversion_type}",
    )
    return (
        figure(
            "markov_removal_effects",
            svg,
            "Share of conversions lost when the channel is removed from "
            "the journeys (first-order Markov chain).",
            conversion_type,
        )
        + table
    )


def section_markov(marts: Marts) -> str:
    name = "rpt_markov_removal_effects"
    html = _per_type_section(
        marts, name, "markov", "Markov removal effects", _markov_variant, missing=""
    )
    if not marts.rows(name):  # missing or empty: no heading of its own
        return html
    return f"<section><h2>Markov removal effects</h2>{html}</section>"


def _summary(marts: Marts) -> str:
    lengths = marts.rows("rpt_conversion_path_lengths")
    cards = []
    for conversion_type in _types(lengths):
        subset = _by_type(lengths, conversion_type)
        conversions = sum(r["conversions"] for r in subset)
        with_path = sum(r["conversions"] for r in subset if r["path_length"] > 0)
        revenue = sum(float(r["revenue"] or 0) for r in subset)
        cards.append(
            f'<div class="card"><div class="card-title">{_esc(conversion_type)}</div>'
            f'<div class="card-value">{fmt_int(conversions)}</div>'
            f"<div>conversions · revenue {fmt_num(revenue)}</div>"
            f"<div>{fmt_pct(with_path / conversions if conversions else None)} "
            "with an eligible touch</div></div>"
        )
    return f'<div class="cards">{"".join(cards)}</div>' if cards else ""


STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0;
  background: #f8fafc; color: #111827; }
header { background: #1e293b; color: #f8fafc; padding: 20px 32px; }
header h1 { margin: 0 0 6px; font-size: 22px; }
header p { margin: 0; color: #cbd5e1; font-size: 13px; }
nav { padding: 10px 32px; background: #e2e8f0; font-size: 13px; }
nav a { margin-right: 14px; color: #1e3a8a; }
main { padding: 8px 32px 40px; max-width: 1100px; }
section { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px;
  padding: 16px 20px; margin: 18px 0; }
h2 { font-size: 18px; margin: 4px 0 10px; }
figure.chart { margin: 8px 0 4px; }
figure.chart svg { max-width: 920px; display: block; }
figcaption { font-size: 12px; color: #4b5563; margin-top: 2px; }
.table-wrap { overflow-x: auto; margin: 10px 0 6px; }
table.data { border-collapse: collapse; font-size: 12px; width: 100%; }
table.data caption { text-align: left; font-size: 11px; color: #6b7280;
  padding-bottom: 4px; }
table.data th, table.data td { border-bottom: 1px solid #e5e7eb; padding: 4px 8px; }
table.data th { background: #f1f5f9; cursor: pointer; user-select: none;
  white-space: nowrap; }
table.data th[aria-sort="ascending"]::after { content: " ▲"; }
table.data th[aria-sort="descending"]::after { content: " ▼"; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.text { text-align: left; }
.switch { font-size: 13px; display: inline-block; margin: 4px 0; }
.empty { color: #6b7280; font-style: italic; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0 4px; }
.card { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px;
  padding: 10px 16px; font-size: 12px; color: #4b5563; min-width: 180px; }
.card-title { font-weight: 600; color: #111827; }
.card-value { font-size: 24px; font-weight: 700; color: #1e3a8a; }
#report-errors { color: #b91c1c; }
"""

SCRIPT = """
(function () {
  "use strict";
  var errors = [];
  function showError(message) {
    errors.push(String(message));
    var box = document.getElementById("report-errors");
    if (box) { box.textContent = "Script errors: " + errors.join("; "); }
    document.documentElement.setAttribute("data-report-status", "error");
  }
  window.addEventListener("error", function (event) { showError(event.message); });

  function showVariant(select) {
    var group = document.querySelector(
      '.variants[data-group="' + select.getAttribute("data-switch") + '"]');
    if (!group) { return; }
    var variants = group.querySelectorAll(".variant");
    for (var i = 0; i < variants.length; i++) {
      variants[i].hidden = variants[i].getAttribute("data-key") !== select.value;
    }
  }

  function cellValue(row, index) {
    var cell = row.children[index];
    return cell ? cell.getAttribute("data-sort") : "";
  }

  function sortBy(header) {
    var table = header.closest("table");
    var body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var numeric = header.classList.contains("num");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var headers = header.parentNode.children;
    for (var h = 0; h < headers.length; h++) {
      headers[h].removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var result;
      if (x === "" || y === "") {
        result = (x === "") - (y === "");
      } else if (numeric) {
        result = parseFloat(x) - parseFloat(y);
      } else {
        result = x.localeCompare(y);
      }
      return ascending ? result : -result;
    });
    for (var r = 0; r < rows.length; r++) { body.appendChild(rows[r]); }
  }

  try {
    var selects = document.querySelectorAll("select[data-switch]");
    for (var s = 0; s < selects.length; s++) {
      selects[s].addEventListener("change", function (event) {
        showVariant(event.target);
      });
      showVariant(selects[s]);
    }
    var headers = document.querySelectorAll("table.sortable th");
    for (var t = 0; t < headers.length; t++) {
      headers[t].addEventListener("click", function (event) {
        sortBy(event.currentTarget);
      });
    }
    // Self-check: every chart has a drawn SVG (used by the headless test).
    var charts = document.querySelectorAll("figure.chart");
    var drawn = 0;
    for (var c = 0; c < charts.length; c++) {
      var svg = charts[c].querySelector("svg");
      if (svg && svg.querySelectorAll("rect, circle, line").length > 0) { drawn++; }
    }
    var root = document.documentElement;
    root.setAttribute("data-charts", String(charts.length));
    root.setAttribute("data-charts-drawn", String(drawn));
    if (!errors.length) {
      root.setAttribute("data-report-status", drawn === charts.length ? "ok" : "error");
    }
  } catch (error) {
    showError(error && error.message ? error.message : error);
  }
}());
"""


def render_report(marts: Marts, generated_at: dt.datetime | None = None) -> str:
    """The whole HTML document."""
    moment = (generated_at or dt.datetime.now(dt.timezone.utc)).strftime(
        "%Y-%m-%d %H:%M UTC"
    )
    sections = [
        (
            "assists",
            "Assisted vs last-touch conversions by channel",
            section_channel_assists(marts),
        ),
        ("models", "Attribution model comparison", section_model_comparison(marts)),
        ("paths", "Top conversion paths", section_paths(marts)),
        ("distributions", "Time lag and path length", section_distributions(marts)),
        ("push", "Push funnel and campaigns", section_push(marts)),
        ("campaigns", "Campaign conversions", section_campaigns(marts)),
        ("holdout", "Holdout lift", section_holdout(marts)),
    ]
    nav = "".join(f'<a href="#{key}">{_esc(title)}</a>' for key, title, _ in sections)
    body = "".join(
        f'<section id="{key}"><h2>{_esc(title)}</h2>{content}</section>'
        for key, title, content in sections
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" data-report-status="pending"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Assisted conversions report</title>"
        f"<style>{STYLE}</style></head><body>"
        "<header><h1>Assisted conversions report</h1>"
        f"<p>{_esc(marts.db_path)} · generated {_esc(moment)} · figures in the "
        "reporting currency</p></header>"
        f"<nav>{nav}</nav><main>"
        '<p id="report-errors" role="alert"></p>'
        f"{_summary(marts)}{body}{section_markov(marts)}"
        "</main>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def write_report(db_path: Path, out: Path) -> Path:
    """Reads the marts of `db_path` and writes the HTML report to `out`."""
    marts = read_marts(db_path)
    document = render_report(marts)
    out = out.expanduser().resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(document, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write the report to {out}: {error}") from error
    return out
