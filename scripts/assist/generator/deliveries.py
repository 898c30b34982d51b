"""Deliveries: a raw table as one file, or as a folder of one file per day.

`generate(..., split_by="day")` (`assist generate --split-by day`) writes each
dated table as a folder `<table>/` of files `<YYYY-MM-DD>.<csv|parquet>`, as
exports are delivered: one file per UTC day of the row's own timestamp (or
date), read exactly as the warehouse reads it on DuckDB (the trimmed text, the
ISO shape of the macro `iso_timestamp_pattern`, then the cast of
`parse_timestamp` / `parse_date`; no offset means UTC, an offset is turned
into UTC). The union of a folder's files is the single file of the same
arguments: the same rows, each row with the same bytes (same CSV quoting),
the same multiset; only the order of rows differs (each file keeps the rows
of its day in their order of the single file). The same seed gives the same
rows split or not.

- Rows whose timestamp is empty or does not parse (the injected
  `missing_required` and `unparseable` rows) go to `<table>/undated.<fmt>`:
  they have no day, and putting them in a neighbour's day would invent one.
  Rows whose timestamp parses but lies outside the period (the injected
  `timestamp_out_of_range` rows, 1999 and 2100) go to their own day's file,
  as any other parsed row: the day is the row's, the warehouse decides.
- Split: every table with a timestamp or date column of the raw contract
  (the event tables, `orders`, `identity_links` by `linked_at`, `consents`,
  `holdout_assignments`, `costs` by `cost_date`, `fx_rates` by `rate_date`):
  each is a history that grows by the day. Not split: `campaigns`, a
  dimension (one row per campaign, `started_at` optional and often before the
  period) exported whole, so it stays `campaigns.<fmt>`.
- Every file written has rows, and each CSV file its header; only a split
  table with no rows at all is one header-only `undated.<fmt>`, so that a
  folder is never empty.
- `generator_manifest.json` stays at the top of the data directory with the
  same counts; its `files` names the folder (`<table>/`) of a split table and
  its arguments say `split_by`.
- Before writing, the other shape's leftovers of a previous run are removed:
  the single file of a table now split, the folder's CSV and Parquet files of
  a table now written whole (and the folder, once empty).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from assist.project import raw_contract

SPLIT_BY = (None, "day")
UNDATED = "undated"
FORMATS = ("csv", "parquet")
NOT_SPLIT = ("campaigns",)
# Each split table's dated column and its kind (timestamp or date).
DAY_COLUMNS: dict[str, tuple[str, str]] = {
    table.name: next(
        (column.name, column.type)
        for column in table.columns
        if column.type in ("timestamp", "date")
    )
    for table in raw_contract()
    if table.name not in NOT_SPLIT
    and any(column.type in ("timestamp", "date") for column in table.columns)
}
# The shape of macros/cross_db/iso_timestamp_pattern.sql (tested equal).
ISO_TIMESTAMP_PATTERN = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?)?"
    "([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?$"
)
ISO_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_PARSED = {
    "timestamp": f"""case when regexp_matches(v, '{ISO_TIMESTAMP_PATTERN}')
        then cast(try_cast(v as timestamptz) as timestamp) end""",
    "date": f"""case when regexp_matches(v, '{ISO_DATE_PATTERN}')
        then try_cast(v as date) end""",
}
_NO_DAY = np.iinfo(np.int32).max  # sorts after every day: undated comes last


def is_split(table: str, split_by: str | None) -> bool:
    return split_by == "day" and table in DAY_COLUMNS


def row_days(values: pa.Array | pa.ChunkedArray, kind: str) -> np.ndarray:
    """The UTC day (days since 1970-01-01, int32) of each row's text as the
    warehouse types it on DuckDB; `_NO_DAY` where it is empty or does not
    parse."""
    source = pa.table({"raw": values})
    with duckdb.connect() as con:
        con.execute("set TimeZone = 'UTC'")
        con.register("source", source)
        days = con.execute(
            f"""
            select coalesce(cast(date_diff('day', date '1970-01-01',
                cast(({_PARSED[kind]}) as date)) as integer), {_NO_DAY}) as day
            from (select nullif(trim(cast(raw as varchar)), '') as v from source)
            """
        ).fetchnumpy()["day"]
    return np.asarray(days, dtype=np.int32)


def day_name(day: int) -> str:
    return UNDATED if day == _NO_DAY else str(np.datetime64(day, "D"))


def day_parts(
    table: str, arrow: pa.Table, quoted: np.ndarray
) -> Iterator[tuple[str, pa.Table, np.ndarray]]:
    """The rows of each day of a split table, in file order: the file's name
    without extension, its rows (in their order in the table) and the rows
    among them that need CSV quotes."""
    column, kind = DAY_COLUMNS[table]
    if arrow.num_rows == 0:
        yield UNDATED, arrow, quoted
        return
    days = row_days(arrow.column(column), kind)
    order = np.argsort(days, kind="stable")
    ordered = days[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(ordered)]
    quoted_days = days[quoted]
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        rows = order[start:end]
        day = int(ordered[start])
        in_part = np.searchsorted(rows, quoted[quoted_days == day])
        yield day_name(day), arrow.take(pa.array(rows)), in_part


def _remove_files(folder: Path) -> None:
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.is_file() and path.suffix[1:] in FORMATS:
            path.unlink()


def prepare_outputs(
    out: Path, tables: tuple[str, ...], fmt: str, split_by: str | None
) -> None:
    """Removes what a previous run left in the other format or shape and
    creates the folders of the split tables."""
    for table in tables:
        for other in FORMATS:
            single = out / f"{table}.{other}"
            if (other != fmt or is_split(table, split_by)) and single.exists():
                single.unlink()
        folder = out / table
        _remove_files(folder)
        if is_split(table, split_by):
            folder.mkdir(exist_ok=True)
        elif folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def output_name(table: str, fmt: str, split_by: str | None) -> str:
    """The file, or the folder (`<table>/`), a table is written to."""
    return f"{table}/" if is_split(table, split_by) else f"{table}.{fmt}"
