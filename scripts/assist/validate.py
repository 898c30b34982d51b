"""Checks a data directory against the raw contract before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from assist.project import (
    CONFIG_SEEDS,
    RawTable,
    UsageError,
    project_dir,
    raw_contract,
)

FORMATS = ("csv", "parquet")


@dataclass
class DataDirectory:
    """The raw and configuration files found in a data directory."""

    root: Path
    raw_files: dict[str, Path] = field(default_factory=dict)
    config_files: dict[str, Path] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)

    def dbt_vars(self) -> dict[str, dict[str, str]]:
        return {
            "raw_files": {name: str(path) for name, path in self.raw_files.items()},
            "config_files": {
                name: str(path) for name, path in self.config_files.items()
            },
        }


def _reader(path: Path) -> str:
    quoted = "'" + str(path).replace("'", "''") + "'"
    if path.suffix.lower() == ".parquet":
        return f"read_parquet({quoted})"
    return (
        f"read_csv({quoted}, header = true, all_varchar = true, "
        "delim = ',', quote = '\"', escape = '\"')"
    )


def file_columns(path: Path) -> list[str]:
    """The column names of a raw file, as its header (or schema) gives them."""
    connection = duckdb.connect()
    try:
        relation = connection.sql(f"select * from {_reader(path)} limit 0")
        return list(relation.columns)
    except duckdb.Error as error:
        raise UsageError(f"{path}: cannot be read: {_first_line(error)}") from error
    finally:
        connection.close()


def count_rows(path: Path) -> int:
    """Reads a whole raw file, so that an unreadable line fails here."""
    connection = duckdb.connect()
    try:
        result = connection.execute(f"select count(*) from {_reader(path)}").fetchone()
        return int(result[0]) if result else 0
    except duckdb.Error as error:
        raise UsageError(f"{path}: cannot be read: {_first_line(error)}") from error
    finally:
        connection.close()


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _find_file(root: Path, name: str) -> Path | None:
    found = [
        root / f"{name}.{fmt}" for fmt in FORMATS if (root / f"{name}.{fmt}").is_file()
    ]
    if len(found) > 1:
        raise UsageError(
            f"{root}: both {found[0].name} and {found[1].name} exist; "
            f"keep one file per table"
        )
    return found[0] if found else None


def _check_columns(table: RawTable, path: Path) -> None:
    present = {column.strip().lower() for column in file_columns(path)}
    for column in table.required_columns:
        if column not in present:
            raise UsageError(
                f"{path}: required column '{column}' of raw table {table.name} "
                "is missing"
            )


def _check_config_columns(seed: str, path: Path) -> None:
    """An override must have every column of the project's seed."""
    present = {column.strip().lower() for column in file_columns(path)}
    seed_file = project_dir() / "seeds" / f"{seed}.csv"
    for column in file_columns(seed_file):
        if column.lower() not in present:
            raise UsageError(
                f"{path}: column '{column}' of configuration seed {seed} is missing"
            )


def inspect_data_dir(data_dir: str | Path, full_read: bool = False) -> DataDirectory:
    """Finds and checks every raw and configuration file of a data directory.

    Raises UsageError naming the file and column on the first problem: a
    missing directory, a missing required table, an unreadable file, or a
    missing required column. With `full_read` every line is read as well.
    """
    root = Path(data_dir).expanduser()
    if not root.exists():
        raise UsageError(f"data directory {root} does not exist")
    if not root.is_dir():
        raise UsageError(f"data directory {root} is not a directory")
    found = DataDirectory(root=root.resolve())
    for table in raw_contract():
        path = _find_file(root, table.name)
        if path is None:
            if table.required_file:
                raise UsageError(
                    f"{root}: required raw table {table.name} is missing "
                    f"(expected {table.name}.csv or {table.name}.parquet)"
                )
            continue
        _check_columns(table, path)
        if full_read:
            found.row_counts[table.name] = count_rows(path)
        found.raw_files[table.name] = path.resolve()
    config_dir = root / "config"
    for seed in CONFIG_SEEDS:
        path = config_dir / f"{seed}.csv"
        if path.is_file():
            _check_config_columns(seed, path)
            found.config_files[seed] = path.resolve()
    return found
