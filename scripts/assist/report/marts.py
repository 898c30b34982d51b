"""The report marts of a built DuckDB file, read under the shared run lock."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assist.dblock import reading_built
from assist.project import UsageError

MARTS_SCHEMA = "marts"

Row = dict[str, Any]


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
