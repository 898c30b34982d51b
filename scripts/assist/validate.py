"""Checks a data directory against the raw contract before anything is written."""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import duckdb

from assist.project import (
    CONFIG_SEEDS,
    RawTable,
    UsageError,
    project_dir,
    raw_contract,
)

FORMATS = ("csv", "parquet")
# A file validated before (its path, size and modification time unchanged)
# is not read again: path -> [size, mtime_ns, rows]. Stored beside the
# DuckDB file (validation_record), for the contract it was checked against.
Validated = dict[str, list[int]]
# DuckDB's read_csv refuses longer lines (its max_line_size).
MAX_LINE_BYTES = 2_000_000
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "pipes"}


@dataclass
class DataDirectory:
    """The raw and configuration files found in a data directory.

    A raw table is one file (`<table>.csv` / `<table>.parquet`) or a folder
    `<table>/` of deliveries: `raw_files` lists its files (sorted by name;
    empty for an empty folder) and `raw_sources` keeps the file or folder
    found."""

    root: Path
    raw_files: dict[str, list[Path]] = field(default_factory=dict)
    raw_sources: dict[str, Path] = field(default_factory=dict)
    config_files: dict[str, Path] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    file_rows: dict[Path, int] = field(default_factory=dict)
    # size and modification time of each raw file, taken before it was read
    file_stamps: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def dbt_vars(self) -> dict[str, dict[str, Any]]:
        """The files as the dbt vars `raw_files` (table -> path of its one
        file, or the list of the files of its folder) and `config_files`."""
        raw: dict[str, Any] = {}
        for name, files in self.raw_files.items():
            if self.raw_sources[name].is_dir():
                raw[name] = [str(path) for path in files]
            else:
                raw[name] = str(files[0])
        return {
            "raw_files": raw,
            "config_files": {
                name: str(path) for name, path in self.config_files.items()
            },
        }

    def dbt_env(self) -> dict[str, str]:
        """The same files as the environment variables ASSIST_RAW_FILES and
        ASSIST_CONFIG_FILES (JSON), which the runner sets instead of vars:
        dbt re-parses the whole project whenever its vars change, so another
        data directory built into the same database would cost a full parse
        (macros/raw/data_dir_files.sql)."""
        return {
            f"ASSIST_{name.upper()}": json.dumps(files, sort_keys=True)
            for name, files in self.dbt_vars().items()
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
    """The informative line of a DuckDB error (its sniffer's is generic)."""
    lines = [line.strip() for line in str(error).strip().splitlines()]
    for line in lines:
        if line.startswith("Maximum line size"):
            return line
    first = lines[0] if lines else type(error).__name__
    if "Error when sniffing file" in first:
        return (
            "not a comma-separated UTF-8 file with a header row "
            "(DuckDB cannot detect its layout)"
        )
    return first[:300]


def _check_bytes(path: Path, head: bytes) -> None:
    """Rejects files that are clearly not UTF-8 CSV text, by their first bytes."""
    if not head:
        raise UsageError(
            f"{path}: the file is empty (0 bytes); a CSV needs at least its header row"
        )
    if head.startswith(b"\x1f\x8b"):
        raise UsageError(f"{path}: the file is gzip-compressed; decompress it first")
    if head.startswith(b"PK\x03\x04"):
        raise UsageError(
            f"{path}: the file is a ZIP archive (an Excel workbook?), not a "
            "CSV; export the sheet as CSV (UTF-8)"
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        head[:64].count(b"\0") * 4 >= len(head[:64])
    ):
        raise UsageError(
            f"{path}: the file is UTF-16 (or another wide encoding); the "
            "contract requires UTF-8, re-export or convert it"
        )


def _check_header(path: Path, header: list[str]) -> None:
    names = [name.strip().lower() for name in header]
    if not any(names):
        raise UsageError(f"{path}: the first line (the header row) is empty")
    if len(header) == 1:
        for delimiter, name in OTHER_DELIMITERS.items():
            if delimiter in header[0]:
                raise UsageError(
                    f"{path}: the header is separated by {name}, not commas; "
                    "the contract requires comma-separated files"
                )
    seen: set[str] = set()
    for name in names:
        if not name:
            raise UsageError(f"{path}: the header row has an empty column name")
        if name in seen:
            raise UsageError(f"{path}: column '{name}' appears twice in the header row")
        seen.add(name)


def _text_lines(path: Path, handle: BinaryIO) -> Iterator[str]:
    """The file's lines decoded as UTF-8 (a leading BOM dropped); a line that
    is not UTF-8 raises UsageError naming its number."""
    for number, raw in enumerate(handle, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise UsageError(
                f"{path}: line {number} is not UTF-8 (byte "
                f"0x{raw[error.start]:02x} at position {error.start + 1}); the "
                "contract requires UTF-8: re-export the file as UTF-8 (Latin-1 "
                "and Windows-1252 exports are not)"
            ) from error
        yield text.removeprefix("\ufeff") if number == 1 else text


def _strict_read_failure(path: Path) -> str | None:
    """Reads the whole CSV with DuckDB's strict reader (every value, so every
    line's encoding, field count and quoting is checked; several times faster
    than the line scan below): None when it reads, else its error. The line
    scan then explains a failure with the line and the problem."""
    quoted = "'" + str(path).replace("'", "''") + "'"
    connection = duckdb.connect()
    try:
        connection.execute(
            "select count(*), sum(length(columns(*))) "
            f"from read_csv({quoted}, header = true, "
            "all_varchar = true, delim = ',', quote = '\"', escape = '\"', "
            "strict_mode = true, null_padding = false, "
            f"max_line_size = {MAX_LINE_BYTES})"
        ).fetchall()
    except duckdb.Error as error:
        return _first_line(error)
    finally:
        connection.close()
    return None


def check_csv_text(path: Path, full_read: bool) -> None:
    """Checks that a CSV is UTF-8 text with a sound header row and, with
    `full_read`, that every line is UTF-8 and has as many fields as the
    header, that no quoted value is left open and that no line is too long
    for the reader. Raises UsageError naming the file, the line and the
    problem."""
    with open(path, "rb") as handle:
        _check_bytes(path, handle.read(4096))
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, "rb") as handle:
        reader = csv.reader(_text_lines(path, handle), strict=True)
        try:
            header = next(reader, None)
            if header is None:
                raise UsageError(f"{path}: the file has no header row")
            _check_header(path, header)
            if not full_read:
                return
            failure = _strict_read_failure(path)
            if failure is None:
                return
            for record in reader:
                line = reader.line_num
                if not record:
                    continue
                if len(record) != len(header):
                    raise UsageError(
                        f"{path}: line {line} has {len(record)} fields but the "
                        f"header has {len(header)} (a truncated file, or a "
                        "comma in an unquoted value?)"
                    )
                if sum(map(len, record)) * 4 > MAX_LINE_BYTES and (
                    sum(len(value.encode()) for value in record) > MAX_LINE_BYTES
                ):
                    raise UsageError(
                        f"{path}: line {line} is longer than "
                        f"{MAX_LINE_BYTES:,} bytes, the most a line may hold"
                    )
            # DuckDB refused the file for a reason the line scan does not name
            raise UsageError(f"{path}: cannot be read: {failure}")
        except csv.Error as error:
            hint = (
                " (a quoted value is never closed: is the file truncated?)"
                if "end of data" in str(error)
                else ""
            )
            raise UsageError(
                f"{path}: line {reader.line_num}: {error}{hint}"
            ) from error


def _find_table(root: Path, name: str) -> Path | None:
    """The file `<name>.csv` / `<name>.parquet` or the folder `<name>/` of a
    raw table; more than one of them is an input error."""
    candidates = [root / f"{name}.{fmt}" for fmt in FORMATS] + [root / name]
    found = [path for path in candidates if path.exists()]
    if len(found) > 1:
        names = " and ".join(
            path.name + ("/" if path.is_dir() else "") for path in found
        )
        raise UsageError(
            f"{root}: {names} exist for raw table {name}; keep one file "
            "or one folder per table"
        )
    if found and not found[0].is_dir() and not found[0].is_file():
        raise UsageError(f"{found[0]}: not a regular file")
    return found[0] if found else None


def folder_files(folder: Path) -> list[Path]:
    """The deliveries of a raw table folder: its `.csv` and `.parquet` files
    (any case), sorted by name. Names starting with `.` or `_` (`.DS_Store`,
    `_SUCCESS` markers, checksums) are ignored; anything else (another
    extension, a compressed file, a subfolder) is an input error naming it,
    so that no delivery is silently skipped."""
    files = []
    for path in sorted(folder.iterdir(), key=lambda item: item.name):
        if path.name.startswith((".", "_")):
            continue
        if not path.is_file():
            raise UsageError(
                f"{path}: a raw table folder holds only files (no subfolders); "
                "names starting with . or _ are ignored"
            )
        if path.suffix.lower().lstrip(".") not in FORMATS:
            raise UsageError(
                f"{path}: not a .csv or .parquet file; a raw table folder "
                "holds only its deliveries (names starting with . or _ are "
                "ignored)"
            )
        files.append(path)
    return files


def _check_columns(table: RawTable, path: Path, full_read: bool = False) -> None:
    if path.suffix.lower() == ".csv":
        check_csv_text(path, full_read)
    present = {column.strip().lower() for column in file_columns(path)}
    for column in table.required_columns:
        if column not in present:
            raise UsageError(
                f"{path}: required column '{column}' of raw table {table.name} "
                "is missing"
            )


def _check_config_columns(seed: str, path: Path, full_read: bool = False) -> None:
    """An override must have every column of the project's seed."""
    check_csv_text(path, full_read)
    present = {column.strip().lower() for column in file_columns(path)}
    seed_file = project_dir() / "seeds" / f"{seed}.csv"
    for column in file_columns(seed_file):
        if column.lower() not in present:
            raise UsageError(
                f"{path}: column '{column}' of configuration seed {seed} is missing"
            )


def inspect_data_dir(
    data_dir: str | Path, full_read: bool = False, validated: Validated | None = None
) -> DataDirectory:
    """Finds and checks every raw and configuration file of a data directory.

    Raises UsageError naming the file and column on the first problem: a
    missing directory, a missing required table, a table given both as a
    file and a folder, a folder entry that is not a delivery, an unreadable
    file, or a missing required column (each file of a folder is checked
    on its own). With `full_read` every line is read as well, but for the
    raw files of `validated` (files a full read passed before) whose size
    and modification time are unchanged: their rows are taken from there.
    """
    root = Path(data_dir).expanduser()
    if not root.exists():
        raise UsageError(f"data directory {root} does not exist")
    if not root.is_dir():
        raise UsageError(f"data directory {root} is not a directory")
    found = DataDirectory(root=root.resolve())
    for table in raw_contract():
        source = _find_table(root, table.name)
        if source is None:
            if table.required_file:
                raise UsageError(
                    f"{root}: required raw table {table.name} is missing "
                    f"(expected {table.name}.csv, {table.name}.parquet or a "
                    f"folder {table.name}/)"
                )
            continue
        files = folder_files(source) if source.is_dir() else [source]
        resolved = [path.resolve() for path in files]
        for path, key in zip(files, resolved, strict=True):
            stamp = _stamp(path)
            found.file_stamps[key] = stamp
            known = _known_rows((validated or {}).get(str(key)), stamp)
            if full_read and known is not None:
                found.file_rows[key] = known
                continue
            _check_columns(table, path, full_read)
            if full_read:
                found.file_rows[key] = count_rows(path)
        if full_read:
            found.row_counts[table.name] = sum(
                found.file_rows[path] for path in resolved
            )
        found.raw_sources[table.name] = source.resolve()
        found.raw_files[table.name] = resolved
    config_dir = root / "config"
    for seed in CONFIG_SEEDS:
        path = config_dir / f"{seed}.csv"
        if path.is_file():
            _check_config_columns(seed, path, full_read)
            found.config_files[seed] = path.resolve()
    return found


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _known_rows(entry: object, stamp: tuple[int, int]) -> int | None:
    """The row count of a validation record's entry for a file, when the
    file has not changed since (an entry that is not [size, mtime_ns, rows]
    counts as absent)."""
    try:
        size, mtime_ns, rows = entry  # a list read from JSON, or anything
        return int(rows) if (int(size), int(mtime_ns)) == stamp else None
    except (TypeError, ValueError):
        return None


def _contract_digest() -> str:
    """What a raw file was checked against: the required columns per table."""
    required = [(table.name, table.required_columns) for table in raw_contract()]
    return hashlib.sha256(json.dumps(required).encode()).hexdigest()


def validation_record(db_path: Path) -> Path:
    """The record of the raw files a build of this DuckDB file validated."""
    return db_path.with_name(db_path.name + ".validated.json")


def load_validated(record: Path) -> Validated:
    """The files of a validation record; empty when there is none, when it
    cannot be read, or when it was written for another raw contract."""
    try:
        document = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("contract") != (
        _contract_digest()
    ):
        return {}
    files = document.get("files")
    return files if isinstance(files, dict) else {}


def save_validated(record: Path, found: DataDirectory) -> None:
    """Records the raw files of a full read that passed (path, rows, and
    the size and modification time taken before the file was read: a file
    rewritten while it was read is read again next time), replacing the
    record atomically."""
    files = {
        str(path): [*found.file_stamps[path], rows]
        for path, rows in found.file_rows.items()
    }
    document = {"contract": _contract_digest(), "files": files}
    partial = record.with_name(record.name + f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(document, sort_keys=True), encoding="utf-8")
    partial.replace(record)


def inspect_for_build(
    data_dir: str | Path, record: Path | None, full_refresh: bool = False
) -> DataDirectory:
    """The full read of a build: every raw file but those `record` (the
    validation record of the database built) holds unchanged, and every
    file on --full-refresh or without a record; then the record of what
    passed. A scheduled run thus reads the new deliveries, not its
    history."""
    known = load_validated(record) if record is not None and not full_refresh else {}
    found = inspect_data_dir(data_dir, full_read=True, validated=known)
    if record is not None:
        save_validated(record, found)
    return found
