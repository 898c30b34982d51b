"""Whether the DuckDB file of a build is free, checked before dbt runs.

DuckDB lets one process write a database file at a time and refuses every
other process (even a reader) while it does. dbt-duckdb would fail on that
lock after parsing the project, with a message buried in a stack; the runner
tries the file first and names the process that holds it.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from assist.project import UsageError

LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


def _command_line(pid: str) -> str | None:
    """The command line of a local process, when the system shows it."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [word.decode(errors="replace") for word in raw.split(b"\0") if word]
    text = " ".join(" ".join(words).split())
    return (text[:117] + "...") if len(text) > 120 else (text or None)


def lock_message(db_path: Path, error_text: str) -> str | None:
    """A clear message for DuckDB's lock error on db_path; None if not one."""
    if "Conflicting lock" not in error_text and "Could not set lock" not in error_text:
        return None
    match = LOCK_HOLDER.search(error_text)
    if match is None:
        holder = "another process"
    else:
        command = _command_line(match.group(1))
        holder = f"process {match.group(1)}" + (f" ({command})" if command else "")
    return (
        f"{db_path}: the database is in use by {holder}; DuckDB allows one "
        "process at a time to write it. Wait for that process to finish (or "
        "close it), or use another file with --db"
    )


def _connect(db_path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, with DuckDB's errors turned into a UsageError that
    names the process holding the file, or says the file is not a database."""
    try:
        return duckdb.connect(str(db_path), read_only=read_only)
    except duckdb.Error as error:
        text = str(error).strip()
        message = lock_message(db_path, text)
        if message is not None:
            raise UsageError(message) from error
        first = text.splitlines()[0] if text else type(error).__name__
        raise UsageError(
            f"{db_path}: cannot be opened as a DuckDB database: {first}"
        ) from error


def check_database_free(db_path: Path) -> None:
    """Raises UsageError if another process holds db_path, or if it is not
    a DuckDB database. Creates nothing: a missing file is free."""
    if not db_path.exists():
        return
    if db_path.is_dir():
        raise UsageError(f"--db {db_path} is a directory, not a DuckDB file")
    _connect(db_path, read_only=False).close()


def connect_built(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a built warehouse, for report and export.
    Raises UsageError when there is no file (build first), when a build
    holds it (naming the process), or when it is not a DuckDB database."""
    if not db_path.is_file():
        raise UsageError(f"no DuckDB file at {db_path}: run `assist build` first")
    return _connect(db_path, read_only=True)
