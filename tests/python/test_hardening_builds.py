"""Hardening, through real builds: hostile values are quarantined with their
reason and reconciled exactly, no raw e-mail reaches the database, consent
withdrawal empties a person's touches from every mart, a second build gives
the same marts, a build killed with SIGKILL leaves no half-written mart and
re-runs to the same marts, a build on a database in use exits 2 naming
the process that holds it, and overlapping runs of one database (builds,
reports, exports) fail at once, naming the run that holds it, with no stack
trace and nothing written.

One generated data set is corrupted once and built once for the module (the
reference); the other builds reuse it. Builds run in subprocesses so that
their whole output can be checked (and killed). They run one after another
at one database path with one dbt target folder (`_at_build_path`): dbt
parses the project once (the database path is part of what its partial
parse checks), and each test's file is moved there for its builds."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from assist.dblock import LOCK_SUFFIX, lock_path, reading_built
from assist.generator import generate
from conftest import query
from hostile_data import (
    BIG_FIELD,
    EMAIL,
    EXPECTED_REASONS,
    FORMULA,
    SECRET,
    TIMESTAMPS,
    corrupt,
    read_rows,
)

SEED = 909
PARTIAL_PARSE = "partial_parse.msgpack"  # dbt's parse, in its target folder


@dataclass
class Built:
    data: Path
    db: Path
    root: Path
    output: str
    withdrawn_user: str


def _env(root: Path, name: str, target: str = "a") -> dict[str, str]:
    """A build's environment: its own log folder `<name>_logs`, and the
    target folder `<target>_target` (the module's one parse, by default)."""
    env = dict(os.environ)
    env.update(
        DBT_TARGET_PATH=str(root / f"{target}_target"),
        DBT_LOG_PATH=str(root / f"{name}_logs"),
        DO_NOT_TRACK="1",
        # Secrets a profile could read: they must never be printed or logged.
        DATABRICKS_TOKEN=SECRET,
        ASSIST_SPARK_USER=SECRET,
        DBT_ENV_SECRET_TOKEN=SECRET,
    )
    env.pop("ASSIST_DUCKDB_PATH", None)
    return env


def _assist(*argv: str) -> list[str]:
    return [sys.executable, "-m", "assist.cli", *argv]


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def _move_database(source: Path, destination: Path) -> None:
    """Moves a database file with its WAL and run lock file, if any."""
    for suffix in ("", ".wal", LOCK_SUFFIX):
        moved = source.with_name(source.name + suffix)
        if moved.exists():
            shutil.move(moved, destination.with_name(destination.name + suffix))


@contextmanager
def _at_build_path(root: Path, db: Path) -> Iterator[Path]:
    """The module's one build path, holding db's file (if any) meanwhile:
    moved there on entry, back to db on exit."""
    shared = root / "build" / "assist.duckdb"
    shared.parent.mkdir(exist_ok=True)
    for suffix in ("", ".wal", LOCK_SUFFIX):
        shared.with_name(shared.name + suffix).unlink(missing_ok=True)
    _move_database(db, shared)
    try:
        yield shared
    finally:
        _move_database(shared, db)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The corrupted data set, built once through `assist build`."""
    root = tmp_path_factory.mktemp("hardening")
    data = root / "data"
    generate(data, persons=60, days=5, seed=SEED)
    (data / "generator_manifest.json").unlink()
    withdrawn = corrupt(data)
    db = root / "reference.duckdb"
    with _at_build_path(root, db) as shared:
        argv = _assist("build", "--data", str(data), "--db", str(shared))
        run = _run(argv, _env(root, "a"))
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    return Built(data, db, root, output, withdrawn)


def _mart_names(db: Path) -> list[str]:
    return [
        row[0]
        for row in query(
            db,
            "select table_name from information_schema.tables "
            "where table_schema = 'marts' order by 1",
        )
    ]


def _normalised(value: object) -> object:
    if isinstance(value, float):
        return float(f"{value:.12g}")
    return value


def _mart(connection: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    """A mart's rows as a sorted multiset (floats to 12 significant digits:
    parallel sums may differ in the last bits)."""
    rows = connection.execute(f"select * from marts.{table}").fetchall()
    return sorted((tuple(_normalised(v) for v in row) for row in rows), key=repr)


def _marts(db: Path) -> dict[str, list[tuple]]:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return {table: _mart(connection, table) for table in _mart_names(db)}
    finally:
        connection.close()


@pytest.fixture(scope="module")
def reference_marts(built: Built) -> dict[str, list[tuple]]:
    return _marts(built.db)


# --- bad values -------------------------------------------------------------


def test_every_injected_bad_row_is_quarantined_with_its_reason(built: Built):
    keys = sorted({key for _, key in EXPECTED_REASONS})
    found = query(
        built.db,
        "select source_table, row_key, reason from marts.audit_quarantine "
        f"where row_key in ({', '.join(repr(key) for key in keys)})",
    )
    assert {(table, key): reason for table, key, reason in found} == EXPECTED_REASONS
    consent = query(
        built.db,
        "select reason from marts.audit_quarantine "
        "where source_table = 'consents' and raw_row like '%hx_c_maybe%'",
    )
    assert consent == [("unparseable",)]
    # The exact copy of hx_m_offset_plus is a duplicate, not a bad row; of
    # hx_m_zulu_minutes the earlier row is kept, the later one quarantined.
    fates = query(
        built.db,
        "select row_key, row_status, cast(event_at as varchar) "
        "from staging.base_raw__message_events "
        "where row_key in ('hx_m_offset_plus', 'hx_m_zulu_minutes') order by all",
    )
    assert fates == [
        ("hx_m_offset_plus", "duplicate", "2026-10-30 01:00:00"),
        ("hx_m_offset_plus", "staged", "2026-10-30 01:00:00"),
        ("hx_m_zulu_minutes", "quarantined", "2026-10-30 11:00:00"),
        ("hx_m_zulu_minutes", "staged", "2026-10-30 10:00:00"),
    ]


def test_reconciliation_is_exact_for_every_raw_table(built: Built):
    reconciliation = query(
        built.db,
        "select source_table, raw_rows, staged_rows, duplicate_rows, "
        "quarantined_rows from marts.audit_reconciliation",
    )
    assert len(reconciliation) == 10
    for table, raw, staged, duplicates, quarantined in reconciliation:
        _, file_rows = read_rows(built.data / f"{table}.csv")
        assert raw == len(file_rows), table
        assert raw == staged + duplicates + quarantined, table
        assert query(
            built.db,
            f"select count(*) from marts.audit_quarantine "
            f"where source_table = '{table}'",
        ) == [(quarantined,)]


def test_mixed_timestamp_formats_and_offsets_are_read_as_utc(built: Built):
    staged = dict(
        query(
            built.db,
            "select event_id, cast(event_at as varchar) "
            "from staging.stg_raw__message_events where event_id like 'hx_m_%'",
        )
    )
    assert {event_id: staged.get(event_id) for event_id in TIMESTAMPS} == {
        event_id: utc for event_id, (_, utc) in TIMESTAMPS.items()
    }


def test_formulas_big_fields_and_reordered_columns_are_kept_verbatim(built: Built):
    messages = dict(
        query(
            built.db,
            "select event_id, campaign_id from staging.stg_raw__message_events "
            "where event_id = 'hx_m_formula'",
        )
    )
    assert messages == {"hx_m_formula": FORMULA}
    web = dict(
        query(
            built.db,
            "select event_id, coalesce(utm_campaign, '') || '|' || "
            "length(page_url) || '|' || referrer_url "
            "from staging.stg_raw__web_events where event_id like 'hx_w_%'",
        )
    )
    assert web["hx_w_big"].split("|")[1] == str(len(BIG_FIELD))
    assert web["hx_w_formula"].startswith(FORMULA + "|")
    assert web["hx_w_quotes"].endswith('|say "hi",\nbye')
    # app_events had its columns reversed and renamed upper-case: every
    # staged value is still in its own column.
    _, original = read_rows(built.data / "app_events.csv")
    by_id = {row["EVENT_ID"]: row for row in original}
    staged = query(
        built.db,
        "select event_id, device_id, event_name, coalesce(user_id, '') "
        "from staging.stg_raw__app_events",
    )
    assert staged
    for event_id, device_id, event_name, user_id in staged:
        row = by_id[event_id]
        assert (device_id, event_name.lower(), user_id) == (
            row["DEVICE_ID"].strip(),
            row["EVENT_NAME"].strip().lower(),
            row["USER_ID"].strip(),
        )


def test_a_build_of_hostile_input_prints_no_stack_trace(built: Built):
    assert "Traceback" not in built.output


# --- privacy ------------------------------------------------------------------


def test_no_raw_email_address_in_any_table_of_the_database(built: Built):
    """Scans every text column of every table and view, in every schema."""
    connection = duckdb.connect(str(built.db), read_only=True)
    try:
        columns = connection.execute(
            "select table_schema, table_name, column_name "
            "from information_schema.columns "
            "where data_type = 'VARCHAR' and table_catalog = current_database()"
        ).fetchall()
        assert len(columns) > 100
        leaks = []
        for schema, table, column in columns:
            found = connection.execute(
                f'select "{column}" from "{schema}"."{table}" '
                f"where regexp_matches(\"{column}\", '[^@\\s]+@[^@\\s]+[.][a-zA-Z]+') "
                "limit 5"
            ).fetchall()
            leaks += [
                (schema, table, column, value)
                for (value,) in found
                if EMAIL.search(value)
            ]
    finally:
        connection.close()
    assert leaks == []
    # The raw e-mails did arrive, as hashes: the order without other ids
    # was staged through its e-mail alone.
    hashed = query(
        built.db,
        "select email_hash from staging.stg_raw__orders where order_id = 'hx_o_email'",
    )
    _, orders = read_rows(built.data / "orders.csv")
    email = next(row["email"] for row in orders if row["order_id"] == "hx_o_email")
    assert hashed == [(hashlib.sha256(email.strip().lower().encode()).hexdigest(),)]


def test_consent_withdrawal_removes_the_persons_touches_from_every_mart(
    built: Built,
):
    person = query(
        built.db,
        "select person_id from marts.dim_person_identifiers "
        f"where identifier_type = 'user_id' and identifier = '{built.withdrawn_user}'",
    )
    assert len(person) == 1
    person_id = person[0][0]
    touches = {
        row[0]
        for row in query(
            built.db,
            "select touch_id from intermediate.int_touches_stitched "
            f"where person_id = '{person_id}'",
        )
    }
    assert touches, "the withdrawn person must have touches to hide"
    assert query(
        built.db,
        f"select is_consented from marts.dim_persons where person_id = '{person_id}'",
    ) == [(False,)]
    columns = query(
        built.db,
        "select table_name, column_name from information_schema.columns "
        "where table_schema = 'marts' "
        "and column_name in ('touch_id', 'person_id', 'last_touch_id')",
    )
    person_level = {"fct_conversions", "dim_persons", "dim_person_identifiers"}
    checked = set()
    for table, column in columns:
        if column == "person_id":
            if table in person_level:
                continue
            hits = query(
                built.db,
                f"select count(*) from marts.{table} where {column} = '{person_id}'",
            )
        else:
            listed = ", ".join(f"'{touch}'" for touch in sorted(touches))
            hits = query(
                built.db,
                f"select count(*) from marts.{table} where {column} in ({listed})",
            )
        assert hits == [(0,)], f"marts.{table}.{column} holds the withdrawn person"
        checked.add(table)
    assert {"fct_touchpoints", "fct_attribution_credits"} <= checked
    # The person's conversions stay, unconsented and unattributed.
    conversions = query(
        built.db,
        "select distinct is_consented from marts.fct_conversions "
        f"where person_id = '{person_id}'",
    )
    assert conversions in ([], [(False,)])


def test_secrets_in_the_environment_never_reach_output_or_logs(built: Built):
    assert SECRET not in built.output
    written = [
        path
        for folder in ("a_logs", "a_target")
        for path in (built.root / folder).rglob("*")
        if path.is_file()
    ]
    assert any(path.name == "dbt.log" for path in written)
    for path in written:
        assert SECRET.encode() not in path.read_bytes(), path


# --- idempotency, crashes, concurrency -------------------------------------


def _wait_for_log(process: subprocess.Popen[str], logs: Path, marker: str) -> None:
    """Waits until the build's dbt.log holds `marker` (read incrementally)."""
    log, offset, tail = logs / "dbt.log", 0, b""
    wanted = marker.encode()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if log.exists():
            with open(log, "rb") as handle:
                handle.seek(offset)
                chunk = handle.read()
            offset += len(chunk)
            if wanted in tail + chunk:
                return
            tail = chunk[-len(wanted) :] if chunk else tail
        assert process.poll() is None, f"the build ended before {marker!r}"
        time.sleep(0.2)
    raise AssertionError(f"the build never logged {marker!r}")


def test_killed_builds_leave_no_half_written_mart_and_rerun_identically(
    built: Built, reference_marts: dict[str, list[tuple]], run_assist
):
    """SIGKILL at seeded random moments (during staging, then during the
    marts and their tests); after each kill every mart is absent or
    complete; meanwhile a second `assist build` on the same file exits 2
    naming the process that holds it. A re-run then gives the marts of an
    uninterrupted build."""
    with _at_build_path(built.root, built.root / "crash.duckdb") as db:
        _kill_builds_and_rerun(built, db, reference_marts, run_assist)


def _kill_builds_and_rerun(
    built: Built, db: Path, reference_marts: dict[str, list[tuple]], run_assist
) -> None:
    env = _env(built.root, "crash")
    moments = random.Random(SEED)
    # Kill 1 while staging runs (the raw files are registered, so the build
    # holds the database); kill 2 while marts are built and tested.
    plan = [
        ("raw tables and", moments.uniform(0.5, 4.0)),
        ("OK created sql table model marts.", moments.uniform(0.0, 10.0)),
    ]
    for attempt, (marker, delay) in enumerate(plan):
        logs = built.root / "crash_logs"
        shutil.rmtree(logs, ignore_errors=True)
        process = subprocess.Popen(
            _assist("build", "--data", str(built.data), "--db", str(db)),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            _wait_for_log(process, logs, marker)
            if attempt == 0:
                # Readers in other processes are refused while a build runs
                # (DuckDB has one writer and no concurrent readers across
                # processes): no reader can see a half-written mart.
                with pytest.raises(duckdb.IOException, match="Conflicting lock"):
                    duckdb.connect(str(db), read_only=True)
                second = run_assist("build", "--data", str(built.data), "--db", str(db))
                assert second.exit_code == 2
                assert f"in use by process {process.pid}" in second.err
                assert "Traceback" not in second.err
            time.sleep(delay)
            assert process.poll() is None, "the build ended before it was killed"
        finally:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        assert process.returncode == -signal.SIGKILL
        # The killed build's run lock file stays behind; the system released
        # its lock, so it blocks nobody (the re-run below).
        assert lock_path(db).is_file()
        after_kill = _marts(db)
        if attempt == 1:
            assert after_kill, "kill 2 must find marts to check"
        for table, rows in after_kill.items():
            if "__dbt_" in table:
                continue  # dbt's scratch relations; dropped by the next run
            assert rows == reference_marts[table], (
                f"kill {attempt + 1} at {delay:.1f} s: marts.{table} is half-written"
            )
    run = _run(_assist("build", "--data", str(built.data), "--db", str(db)), env)
    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    assert _marts(db) == reference_marts


def _holding(db: Path, code: str) -> subprocess.Popen[str]:
    """A Python process that runs `code` (which holds db) and then waits;
    returned once it is holding."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            f"db = Path({str(db)!r})\n"
            f"{code}\n"
            "print('ready', flush=True)\n"
            "time.sleep(120)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    if process.stdout is None or process.stdout.readline() != "ready\n":
        process.kill()
        process.wait()
        raise AssertionError(f"the process holding {db} did not start")
    return process


def _readers(db: Path, out: Path) -> list[tuple[str, ...]]:
    """`assist report` and `assist export` of db, writing under out."""
    return [
        ("report", "--db", str(db), "--out", str(out / "report.html")),
        ("export", "--format", "csv", "--db", str(db), "--out", str(out / "x")),
    ]


def test_a_build_on_a_database_held_by_another_process_exits_2(
    tmp_path: Path, run_assist
):
    """Checked before dbt runs; the held database is left as it was. Report
    and export, which only read it, say the same."""
    db = tmp_path / "held.duckdb"
    holder = _holding(
        db,
        "import duckdb\n"
        "connection = duckdb.connect(str(db))\n"
        "connection.execute('create table kept as select 42 as answer')",
    )
    try:
        data = tmp_path / "data"
        data.mkdir()
        for table, header in {
            "message_events": "event_id,event_at,channel,event_type",
            "app_events": "event_id,event_at,event_name,device_id",
            "web_events": "event_id,event_at,event_name,anonymous_id",
            "orders": "order_id,ordered_at,sales_channel,revenue,status",
        }.items():
            (data / f"{table}.csv").write_text(header + "\n", encoding="utf-8")
        outcome = run_assist("build", "--data", str(data), "--db", str(db))
        assert outcome.exit_code == 2
        assert str(db) in outcome.err
        assert f"in use by process {holder.pid}" in outcome.err
        assert "Traceback" not in outcome.err
        assert not (tmp_path / "dbt_target" / "manifest.json").exists()
        # report and export read the file: the same clear message
        for command in _readers(db, tmp_path):
            reader = run_assist(*command)
            assert reader.exit_code == 2, command
            assert f"in use by process {holder.pid}" in reader.err, command
            assert "Traceback" not in reader.err, command
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert query(db, "select answer from kept") == [(42,)]


# --- overlapping runs -------------------------------------------------------

# Seconds after the first build holds its run lock at which the second
# builds start (all while the first still runs).
OVERLAP_DELAYS = (0.0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3.0, 5.0)


def _lock_holder(db: Path) -> int | None:
    """The PID a build wrote into the database's run lock file, if any."""
    try:
        first = lock_path(db).read_text(encoding="utf-8").split("\n", 1)[0]
    except OSError:
        return None
    return int(first) if first.isdigit() else None


def _start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with open(log, "w", encoding="utf-8") as handle:
        return subprocess.Popen(argv, env=env, stdout=handle, stderr=handle)


def _refused(output: str, pid: int, doing: str) -> None:
    """A clean refusal: one message naming the holder, no stack trace."""
    assert f"in use by process {pid} (" in output, output[-2000:]
    assert f"which is {doing} it" in output, output[-2000:]
    for trace in ("Traceback", "Could not set lock", "Conflicting lock"):
        assert trace not in output, output[-2000:]


def test_overlapping_builds_exit_2_naming_the_first_and_leave_its_marts_whole(
    built: Built, reference_marts: dict[str, list[tuple]], run_assist
):
    """Two builds started together: one runs, the other exits 2 naming it.
    Then, while it runs, more builds of the same database start at varied
    delays, and a report and an export: each exits 2 at once naming the
    first build's PID, prints no stack trace and writes nothing. The first
    build runs over a copy of the complete reference build (the same data
    built again on the same database file): its marts equal the lone
    build's, row for row."""
    overlap = built.root / "overlap.duckdb"
    shutil.copy(built.db, overlap)
    with _at_build_path(built.root, overlap) as db:
        _overlap_builds(built, db, reference_marts, run_assist)


def _parse_of_the_module(root: Path, name: str) -> dict[str, int]:
    """A target folder `<name>_target` holding only a copy of the module's
    parse (so that the build that runs in it does not parse again); what
    it holds, for `_untouched`."""
    target = root / f"{name}_target"
    target.mkdir()
    shutil.copy(root / "a_target" / PARTIAL_PARSE, target / PARTIAL_PARSE)
    return _untouched(target)


def _untouched(target: Path) -> dict[str, int]:
    """The files of a target folder and their modification times."""
    return {
        str(path.relative_to(target)): path.stat().st_mtime_ns
        for path in target.rglob("*")
    }


def _overlap_builds(
    built: Built, db: Path, reference_marts: dict[str, list[tuple]], run_assist
) -> None:
    logs = built.root / "overlap_output"
    logs.mkdir()
    argv = _assist("build", "--data", str(built.data), "--db", str(db))
    targets = {
        name: _parse_of_the_module(built.root, f"overlap_{name}") for name in "ab"
    }
    started = {
        _start(
            argv,
            _env(built.root, f"overlap_{name}", f"overlap_{name}"),
            logs / f"{name}.txt",
        ): name
        for name in ("a", "b")
    }
    deadline = time.monotonic() + 120
    while _lock_holder(db) not in {process.pid for process in started}:
        assert time.monotonic() < deadline, "no build took the run lock"
        assert all(process.poll() is None for process in started)
        time.sleep(0.01)
    locked_at = time.monotonic()
    first = next(process for process in started if process.pid == _lock_holder(db))
    try:
        second_env = _env(built.root, "overlap_second", "overlap_second")
        for number, delay in enumerate(OVERLAP_DELAYS):
            time.sleep(max(0.0, locked_at + delay - time.monotonic()))
            name = f"second_{number}"
            started[_start(argv, second_env, logs / f"{name}.txt")] = name
        # Readers are refused too, naming the build, and write nothing.
        for command in _readers(db, logs):
            outcome = run_assist(*command)
            assert outcome.exit_code == 2, command
            _refused(outcome.err, first.pid, "building")
        assert not (logs / "report.html").exists()
        assert not (logs / "x").exists()
        for process in started:
            if process is not first:
                process.wait(timeout=120)
        assert first.poll() is None, "the first build ended before the others"
    finally:
        first.wait(timeout=600)
    output = {
        process: (logs / f"{name}.txt").read_text(encoding="utf-8")
        for process, name in started.items()
    }
    assert len(output) == 2 + len(OVERLAP_DELAYS)
    for process in started:
        if process is not first:
            assert process.returncode == 2, output[process][-2000:]
            _refused(output[process], first.pid, "building")
    # dbt never started in a refused build: it wrote nothing
    assert not (built.root / "overlap_second_target").exists()
    refused = "b" if started[first] == "a" else "a"
    assert _untouched(built.root / f"overlap_{refused}_target") == targets[refused]
    assert first.returncode == 0, output[first][-3000:]
    assert "Traceback" not in output[first]
    assert not lock_path(db).exists(), "the run lock file is removed at the end"
    assert _marts(db) == reference_marts


def test_a_build_while_a_reader_reads_exits_2_naming_the_reader(
    built: Built, tmp_path: Path, run_assist
):
    """Readers share the run lock: a report and an export run while another
    reader holds it; a build exits 2 naming the reader, writing nothing. A
    reader killed with SIGKILL leaves its lock file, which blocks nobody."""
    db = tmp_path / "read.duckdb"
    shutil.copy(built.db, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    # what report and export do: read under the shared run lock
    reader = _holding(
        db,
        "from assist.dblock import reading_built\n"
        "reading = reading_built(db)\n"
        "reading.__enter__()",
    )
    try:
        for command in _readers(db, tmp_path):
            assert run_assist(*command).exit_code == 0, command
        outcome = run_assist(
            "build", "--data", str(built.data), "--db", str(db), "--selector", "daily"
        )
        assert outcome.exit_code == 2
        _refused(outcome.err, reader.pid, "reading")
        assert not (tmp_path / "dbt_target").exists()  # dbt never started
        assert lock_path(db).is_file()
    finally:
        os.kill(reader.pid, signal.SIGKILL)
        reader.wait()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert lock_path(db).is_file()  # left by the killed reader
    with reading_built(db) as connection:
        assert connection.execute("select count(*) from marts.dim_persons").fetchone()
    assert not lock_path(db).exists()  # the last reader out removes it
