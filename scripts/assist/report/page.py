"""The whole HTML document: style, script, header, navigation, sections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assist.project import UsageError
from assist.report.formats import esc
from assist.report.marts import Marts, read_marts
from assist.report.sections import (
    section_campaigns,
    section_channel_assists,
    section_distributions,
    section_holdout,
    section_markov,
    section_model_comparison,
    section_paths,
    section_push,
    section_summary,
)

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
    nav = "".join(f'<a href="#{key}">{esc(title)}</a>' for key, title, _ in sections)
    body = "".join(
        f'<section id="{key}"><h2>{esc(title)}</h2>{content}</section>'
        for key, title, content in sections
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" data-report-status="pending"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Assisted conversions report</title>"
        f"<style>{STYLE}</style></head><body>"
        "<header><h1>Assisted conversions report</h1>"
        f"<p>{esc(marts.db_path)} · generated {esc(moment)} · figures in the "
        "reporting currency</p></header>"
        f"<nav>{nav}</nav><main>"
        '<p id="report-errors" role="alert"></p>'
        f"{section_summary(marts)}{body}{section_markov(marts)}"
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
