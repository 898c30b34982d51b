"""Where the dbt project lives and what its raw contract says."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RAW_SOURCES_FILE = Path("models") / "staging" / "raw" / "_raw__sources.yml"
CONFIG_SEEDS = (
    "channel_rules",
    "source_categories",
    "conversion_types",
    "lookback_window_history",
    "conversion_period_history",
)


class UsageError(Exception):
    """A problem with the user's input or options (exit code 2)."""


def project_dir() -> Path:
    """The dbt project directory: ASSIST_PROJECT_DIR, else this checkout."""
    configured = os.environ.get("ASSIST_PROJECT_DIR")
    root = Path(configured) if configured else Path(__file__).resolve().parents[2]
    if not (root / "dbt_project.yml").is_file():
        raise UsageError(
            f"no dbt_project.yml in {root}: install the project with "
            "`pip install -e .` from its checkout or set ASSIST_PROJECT_DIR"
        )
    return root


def default_db_path() -> Path:
    """The DuckDB file used when neither --db nor ASSIST_DUCKDB_PATH is set."""
    return project_dir() / "target" / "assist.duckdb"


def resolve_db_path(db: str | None) -> Path:
    """--db, else ASSIST_DUCKDB_PATH, else the project's default (absolute)."""
    chosen = db or os.environ.get("ASSIST_DUCKDB_PATH")
    path = Path(chosen).expanduser() if chosen else default_db_path()
    return path.resolve()


@dataclass(frozen=True)
class RawColumn:
    name: str
    type: str
    required: bool
    values: tuple[str, ...] = ()  # the allowed values of an enum column


@dataclass(frozen=True)
class RawTable:
    name: str
    required_file: bool
    columns: tuple[RawColumn, ...]

    @property
    def required_columns(self) -> list[str]:
        return [column.name for column in self.columns if column.required]


@lru_cache(maxsize=1)
def raw_contract() -> tuple[RawTable, ...]:
    """The raw tables of CONTRACT 1, read from the sources YAML (one truth)."""
    with open(project_dir() / RAW_SOURCES_FILE, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    source = next(s for s in document["sources"] if s["name"] == "raw")
    tables = []
    for table in source["tables"]:
        table_meta = table.get("config", {}).get("meta", {})
        columns = tuple(
            RawColumn(
                name=column["name"],
                type=column.get("config", {}).get("meta", {}).get("type", "string"),
                required=bool(
                    column.get("config", {}).get("meta", {}).get("required", False)
                ),
                values=tuple(
                    column.get("config", {}).get("meta", {}).get("values", ())
                ),
            )
            for column in table["columns"]
        )
        tables.append(
            RawTable(
                name=table["name"],
                required_file=bool(table_meta.get("required_file", False)),
                columns=columns,
            )
        )
    return tuple(tables)


def parse_vars(text: str | None) -> dict[str, Any]:
    """The settings of a `--vars` option: a JSON object, else UsageError."""
    if not text:
        return {}
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(f"--vars is not valid JSON: {error}") from error
    if not isinstance(parsed, dict):
        raise UsageError("--vars must be a JSON object of setting names to values")
    return parsed
