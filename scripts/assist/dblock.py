"""Who may use the DuckDB file of a build, checked before anything runs.

Two locks guard a warehouse file:

- The runner's own advisory lock, `<db>.lock` beside the database, held by
  a run from its first step to its last: `assist build` (and `assist demo`)
  hold it exclusively, `assist report` and `assist export` hold it shared
  (several may read at once). A run that cannot take it exits 2 at once
  with a message naming the process that holds it (PID, and command line
  when /proc shows it). The lock is an `flock` on the file: the system
  releases it when its holder ends, even by a crash, so a file left behind
  blocks nobody. The holder removes the file when it is done.
- DuckDB's own lock on the database file: DuckDB lets one process write a
  file at a time and refuses every other process (even a reader) while it
  does. A process outside the runner (a notebook, dbt itself) can hold it;
  dbt-duckdb would fail on it after parsing the project, with a message
  buried in a stack, so the runner tries the file first and names the
  process that holds it.
"""

from __future__ import annotations

import fcntl
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from assist.project import UsageError

LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")
LOCK_SUFFIX = ".lock"
PROC_LOCKS = Path("/proc/locks")
# The run locks this process holds: lock file -> held exclusively. A run
# inside another one (demo's build and report) uses the outer run's lock.
_held: dict[str, bool] = {}


def _command_line(pid: str) -> str | None:
    """The command line of a local process, when the system shows it."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    words = [word.decode(errors="replace") for word in raw.split(b"\0") if word]
    return _shortened(" ".join(words))


def _shortened(command: str) -> str | None:
    text = " ".join(command.split())
    return (text[:117] + "...") if len(text) > 120 else (text or None)


def _process(pid: str, command: str | None) -> str:
    return f"process {pid}" + (f" ({command})" if command else "")


def lock_message(db_path: Path, error_text: str) -> str | None:
    """A clear message for DuckDB's lock error on db_path; None if not one."""
    if "Conflicting lock" not in error_text and "Could not set lock" not in error_text:
        return None
    match = LOCK_HOLDER.search(error_text)
    if match is None:
        holder = "another process"
    else:
        holder = _process(match.group(1), _command_line(match.group(1)))
    return (
        f"{db_path}: the database is in use by {holder}; DuckDB allows one "
        "process at a time to write it. Wait for that process to finish (or "
        "close it), or use another file with --db"
    )


# --- the runner's advisory lock ----------------------------------------------


def lock_path(db_path: Path) -> Path:
    """The advisory lock file of a database: `<db>.lock` beside it."""
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _same_file(fd: int, path: Path) -> bool:
    """Whether `path` still names the file open as `fd` (a run that ends
    removes its lock file; a run that opened it just before must retry)."""
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _lockers(fd: int) -> list[tuple[str, bool]]:
    """The processes holding an flock on the file open as `fd`, from
    /proc/locks: (PID, holds it exclusively). Empty where /proc has none."""
    inode = str(os.fstat(fd).st_ino)
    try:
        lines = PROC_LOCKS.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        # "1: FLOCK  ADVISORY  WRITE 4242 fe:00:2146429 0 EOF" (a waiting
        # request has "->" after the number)
        fields = [field for field in line.split() if field != "->"]
        if len(fields) < 6 or fields[1] != "FLOCK":
            continue
        if fields[5].rsplit(":", 1)[-1] == inode:
            found.append((fields[4], fields[3] == "WRITE"))
    return found


def _record(fd: int) -> tuple[str, str | None] | None:
    """The PID and command line a build wrote into its lock file."""
    try:
        text = os.pread(fd, 4096, 0).decode(errors="replace")
    except OSError:
        return None
    lines = text.splitlines()
    if not lines or not lines[0].isdigit():
        return None
    return lines[0], (_shortened(lines[1]) if len(lines) > 1 else None)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _holder_message(db_path: Path, fd: int) -> str:
    """Who holds the run lock open as `fd`: the builds write their PID and
    command line into the file; /proc/locks also shows the readers."""
    record = _record(fd)
    lockers = _lockers(fd)
    if not lockers and record is not None and _alive(record[0]):
        lockers = [(record[0], True)]
    if not lockers:
        return (
            f"{db_path}: the database is in use by another assist run "
            f"(its lock file {lock_path(db_path)} is held); wait for it to "
            "finish, or use another file with --db"
        )
    described = []
    for pid, _ in lockers:
        command = _command_line(pid)
        if command is None and record is not None and record[0] == pid:
            command = record[1]
        described.append(_process(pid, command))
    if any(exclusive for _, exclusive in lockers):
        doing = "which is building it"
    else:
        doing = "which are reading it" if len(lockers) > 1 else "which is reading it"
    return (
        f"{db_path}: the database is in use by {' and '.join(described)}, "
        f"{doing}; wait for it to finish, or use another file with --db"
    )


def _make_parents(folder: Path) -> list[Path]:
    """Creates the missing folders up to `folder`; those it created."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created = []
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue
        created.append(path)
    return created


def _acquire(db_path: Path, path: Path, shared: bool) -> int:
    """Opens and locks the lock file without waiting; UsageError naming the
    holder when another run has it."""
    mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, mode)
        except BlockingIOError:
            message = _holder_message(db_path, fd)
            os.close(fd)
            raise UsageError(message) from None
        except BaseException:
            os.close(fd)
            raise
        if _same_file(fd, path):
            return fd
        os.close(fd)


def _release(fd: int, path: Path, shared: bool) -> None:
    """Removes the lock file when no other run holds it, then unlocks."""
    try:
        if shared:
            try:  # the last reader out removes the file
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
        if _same_file(fd, path):
            path.unlink()
    finally:
        os.close(fd)


@contextmanager
def run_lock(db_path: Path, *, shared: bool = False) -> Iterator[None]:
    """Holds the run lock of db_path: exclusively for a build, shared for a
    reader. Raises UsageError naming the holder when another run has it.

    A build creates the database's missing folders (and removes them again
    if they are still empty at the end); a reader of a file whose folder is
    missing, or cannot be written, reads without the lock."""
    path = lock_path(db_path)
    key = str(path)
    if key in _held:
        yield
        return
    created = [] if shared else _make_parents(db_path.parent)
    fd = None
    try:
        try:
            fd = _acquire(db_path, path, shared)
        except OSError:
            if not shared:
                raise
        if fd is not None and not shared:
            command = _command_line(str(os.getpid())) or " ".join(sys.argv)
            record = f"{os.getpid()}\n{command}\n".encode()
            os.ftruncate(fd, 0)
            os.pwrite(fd, record, 0)
        _held[key] = not shared
        try:
            yield
        finally:
            del _held[key]
    finally:
        if fd is not None:
            _release(fd, path, shared)
        for folder in reversed(created):
            try:
                folder.rmdir()
            except OSError:
                break


# --- DuckDB's lock ------------------------------------------------------------


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


@contextmanager
def reading_built(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """connect_built under the shared run lock, both held until the end of
    the `with` block: a build cannot start while report or export reads."""
    with run_lock(db_path, shared=True):
        connection = connect_built(db_path)
        try:
            yield connection
        finally:
            connection.close()
