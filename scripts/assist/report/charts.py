"""The report's charts, drawn here as inline SVG: grouped horizontal bars,
vertical bars (distributions), a funnel and a forest plot of lifts."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from assist.report.formats import esc, fmt_int, fmt_p, fmt_pct
from assist.report.marts import Row

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
        f'font-weight="{weight}" fill="{fill}"{klass}>{esc(content)}</text>'
    )


def _svg(width: int, height: float, label: str, body: Iterable[str]) -> str:
    return (
        f'<svg viewBox="0 0 {width} '
        f'{height:.0f}" width="100%" role="img" aria-label="{esc(label)}" '
        f'font-family="system-ui, sans-serif">' + "".join(body) + "</svg>"
    )


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


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
                f"<title>{esc(label)} · {esc(item.name)}: {esc(shown)}</title>"
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
            f"<title>{esc(x_title)} {esc(label)}: {esc(fmt_int(value))}</title>"
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
        f"{esc(y_title)}</text>"
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
            f"<title>{esc(label)}: {esc(fmt_int(number))}{esc(share)}</title>"
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
            f'<g class="estimate"><title>{esc(detail)}</title>'
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
