"""Synthetic raw data for the assisted-conversions warehouse (CONTRACT.md 1).

`generate()` simulates persons with personas (app user, web-only, cross-device,
store shopper, dormant) over `days` days: message campaigns (push, in-app,
email, SMS, KakaoTalk) with their funnels and holdouts, app and web sessions
with logins, purchases recorded up to three times (orders, app, web), store
and call-centre orders, identity links, consents, costs and exchange rates.
It then adds the mess the warehouse must survive: exact duplicates,
conflicting duplicates, mixed-case and padded enum values, timestamps with
offsets, and contract-breaking rows of every reason of CONTRACT 1. Every
injected row is counted in `generator_manifest.json`.

Everything is vectorised: typed numpy columns are simulated, then rendered to
Arrow string arrays straight from byte matrices and written with pyarrow.
The same arguments give byte-identical files.

The modules, in the order of a run: `contract` (tables, columns and enum
values from the raw contract), `people`, `campaigns`, `messages` (with
`holdouts`), `traffic`, `sessions`, `journeys`, `orders` (conversions and
exchange rates), `events` (app and web touches, with `pages`), `identities`;
`defects` injects the bad rows, `render` turns columns into text, `writers`
writes the files, `deliveries` splits a table by day into a folder of files
(`split_by="day"`), `simulation` runs the steps, `dataset` is `generate()`.
"""

from assist.generator.contract import BAD_ROW_REASONS, TABLE_COLUMNS, TABLES
from assist.generator.dataset import (
    DEFAULT_END_DATE,
    FORMATS,
    MANIFEST_NAME,
    generate,
)
from assist.generator.deliveries import DAY_COLUMNS, SPLIT_BY, UNDATED

__all__ = [
    "BAD_ROW_REASONS",
    "DAY_COLUMNS",
    "DEFAULT_END_DATE",
    "FORMATS",
    "MANIFEST_NAME",
    "SPLIT_BY",
    "TABLES",
    "TABLE_COLUMNS",
    "UNDATED",
    "generate",
]
