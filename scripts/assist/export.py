"""`assist export`: every table of the `marts` schema as Parquet or CSV files.

One file per relation of the schema (tables and views), named after it:
`<out>/<relation>.parquet` or `<out>/<relation>.csv` (UTF-8, header row,
timestamps ISO 8601 in UTC, empty cell = null). The DuckDB file is opened
read-only under the shared run lock (no build can start meanwhile) and
DuckDB's own COPY writes the files, so types survive in Parquet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assist.dblock import reading_built
from assist.project import UsageError

MARTS_SCHEMA = "marts"
FORMATS = ("parquet", "csv")
COPY_OPTIONS = {
    "parquet": "(format parquet, compression zstd)",
    "csv": "(format csv, header true, delimiter ',', "
    "timestampformat '%Y-%m-%dT%H:%M:%S.%fZ')",
}


@dataclass(frozen=True)
class ExportedTable:
    name: str
    path: Path
    rows: int


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_marts(db_path: Path, out_dir: Path, fmt: str) -> list[ExportedTable]:
    """Writes each relation of the marts schema to `out_dir` in `fmt`."""
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    with reading_built(db_path) as connection:
        # UTC on the wire, whatever the machine's time zone.
        connection.execute("set TimeZone = 'UTC'")
        names = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ? order by table_name",
                [MARTS_SCHEMA],
            ).fetchall()
        ]
        if not names:
            raise UsageError(
                f"{db_path} has no `{MARTS_SCHEMA}` schema: run `assist build` first"
            )
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot create {out_dir}: {error}") from error
        exported = []
        for name in names:
            path = (out_dir / f"{name}.{fmt}").resolve()
            relation = f"{_quote(MARTS_SCHEMA)}.{_quote(name)}"
            connection.execute(
                f"copy (select * from {relation}) to {_literal(str(path))} "
                f"{COPY_OPTIONS[fmt]}"
            )
            row = connection.execute(f"select count(*) from {relation}").fetchone()
            exported.append(ExportedTable(name, path, int(row[0]) if row else 0))
        return exported
