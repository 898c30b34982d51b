"""The page's building blocks: sortable tables, figures, conversion-type
switchers, and a section with one variant per conversion type."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from assist.report.captions import chart_caption
from assist.report.columns import Column, table_columns
from assist.report.formats import esc
from assist.report.marts import Marts, Row


def data_table(rows: Sequence[Row], columns: Sequence[Column], caption: str) -> str:
    head = "".join(
        f'<th class="{"num" if c.numeric else "text"}" scope="col">{esc(c.label)}</th>'
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
                f'<td class="{klass}" data-sort="{esc(sort_key)}">{esc(shown)}</td>'
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(columns)}">no rows</td></tr>')
    return (
        '<div class="table-wrap"><table class="data sortable">'
        f"<caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def figure(name: str, svg: str, caption: str, variant: str | None = None) -> str:
    attributes = f'class="chart" data-chart="{esc(name)}"'
    if variant is not None:
        attributes += f' data-variant="{esc(variant)}"'
    caption_html = f"<figcaption>{esc(caption)}</figcaption>"
    return f"<figure {attributes}>{svg}{caption_html}</figure>"


def chart_with_table(
    chart: str,
    svg: str,
    rows: Sequence[Row],
    mart: str,
    *,
    table_caption: str | None = None,
    variant: str | None = None,
) -> str:
    """A chart's figure with its caption, then the table behind it: the rows
    under the columns of `mart`'s table, captioned with the mart's name and
    the variant (conversion type), unless `table_caption` is given."""
    if table_caption is None:
        table_caption = mart if variant is None else f"{mart} · {variant}"
    return figure(chart, svg, chart_caption(chart), variant) + data_table(
        rows, table_columns(mart), table_caption
    )


def switcher(group: str, options: Sequence[str]) -> str:
    if len(options) < 2:
        return ""
    choices = "".join(
        f'<option value="{esc(option)}">{esc(option)}</option>' for option in options
    )
    return (
        f'<label class="switch">Conversion type <select data-switch="{esc(group)}">'
        f"{choices}</select></label>"
    )


def conversion_types(rows: Iterable[Row]) -> list[str]:
    found = sorted({str(row["conversion_type"]) for row in rows})
    return sorted(found, key=lambda name: (name != "purchase", name))


def of_type(rows: Sequence[Row], conversion_type: str) -> list[Row]:
    return [row for row in rows if row["conversion_type"] == conversion_type]


def missing_note(name: str) -> str:
    return (
        f'<p class="empty">The mart <code>{esc(name)}</code> is not in this '
        "database (not built, or disabled).</p>"
    )


def no_rows_note(what: str) -> str:
    return f'<p class="empty">No {esc(what)} in this data set.</p>'


def variant_group(group: str, variants: Sequence[tuple[str, str]]) -> str:
    parts = [f'<div class="variants" data-group="{esc(group)}">']
    for key, content in variants:
        parts.append(f'<div class="variant" data-key="{esc(key)}">{content}</div>')
    parts.append("</div>")
    return "".join(parts)


def mart_section(
    marts: Marts,
    name: str,
    empty: str,
    render: Callable[[list[Row]], str],
    *,
    missing: str | None = None,
) -> str:
    """render(rows of mart `name`); or why there is nothing to show: the
    mart is missing (`missing`, else the standard note) or has no rows
    (`empty` says of what)."""
    if not marts.has(name):
        return missing_note(name) if missing is None else missing
    rows = marts.rows(name)
    if not rows:
        return no_rows_note(empty)
    return render(rows)


def per_type_section(
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
    none (see mart_section)."""

    def switched(rows: list[Row]) -> str:
        types = conversion_types(rows)
        variants = [(t, render(t, of_type(rows, t))) for t in types]
        return switcher(group, types) + variant_group(group, variants)

    return mart_section(marts, name, empty, switched, missing=missing)
