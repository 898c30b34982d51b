"""How the report shows numbers and text (a dash for a missing value)."""

from __future__ import annotations

import html
from typing import Any


def esc(value: object) -> str:
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
