"""`assist report`: one self-contained HTML file from the report marts.

Reads the `marts` schema of a built DuckDB file (read-only) and writes a
single HTML page that works offline: every chart is an inline SVG drawn here,
the little JavaScript (conversion-type switches, sortable tables, a self-check)
is inline too, and nothing is fetched at view time. Each chart is followed by
the table behind it. The numbers are the marts' own: this package only lays
them out (no business logic; see CONTRACT 10 and models/marts/reports/).

The package: `marts` reads the report marts, `charts` draws the SVG charts,
`layout` and `sections` build the page's parts, `page` the whole document.
"""

from assist.report.marts import REPORT_TABLES, Marts, read_marts
from assist.report.page import render_report, write_report

__all__ = ["REPORT_TABLES", "Marts", "read_marts", "render_report", "write_report"]
