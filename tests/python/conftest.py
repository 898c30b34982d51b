"""Shared helpers: run the `assist` runner in-process on a temporary DuckDB."""

from __future__ import annotations

import csv
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from assist.cli import main
from assist.dbt_invoke import environment

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCENARIOS = PROJECT_DIR / "tests" / "scenarios"


# Unit tests test the SQL, not the data: they run once per test session, in
# the build of test_generated_reconciliation.py (and on Spark in the parity
# test), which lift this setting. Every other build of the suite, in this
# process or in a subprocess, runs seeds, models and data tests only. dbt
# reads DBT_EXCLUDE_RESOURCE_TYPES like --exclude-resource-type.
EXCLUDE_UNIT_TESTS = "DBT_EXCLUDE_RESOURCE_TYPES"

# `pytest -n 2 --no-loadscope-reorder` (pytest-xdist, as .ci/run runs it):
# a module runs on one worker, so its module-scoped builds are built once,
# and modules that share a build (shared_builds.py) run on the same worker.
# The slow modules start first so that the workers finish together; the
# rest keep file order.
SHARED_BUILD_MODULES = {
    "test_generated_reconciliation.py": "generated build",
    "test_reports.py": "generated build",
    "test_html_report.py": "generated build",
}
SLOW_MODULES = (
    "test_spark_parity.py",
    "test_hardening_builds.py",
    "test_incremental.py",
    "test_generated_reconciliation.py",
    "test_identity_touches.py",
    "test_attribution.py",
    "test_data_driven.py",
)


def pytest_configure(config: pytest.Config) -> None:
    os.environ[EXCLUDE_UNIT_TESTS] = "unit_test"


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """xdist's module-by-module scheduling, with the modules of one shared
    build as one unit of work."""
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return SHARED_BUILD_MODULES.get(Path(module).name, module)

    return SharedBuildScheduling(config, log)


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Puts the slow modules first (file and test order kept otherwise)."""

    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_MODULES.index(name) if name in SLOW_MODULES else len(SLOW_MODULES)

    items.sort(key=rank)


@pytest.fixture
def with_unit_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds of this test run the dbt unit tests too."""
    monkeypatch.delenv(EXCLUDE_UNIT_TESTS, raising=False)


@dataclass
class Outcome:
    exit_code: int
    out: str
    err: str


# dbt parses the whole project (~9 s) unless the target folder holds a parse
# made with the same vars and profile; the DuckDB path is part of the
# profile. So the builds of one test process share one target folder and
# happen at one database path (`build_area`), and each built file is moved
# to its test's folder afterwards: a build of another data directory (the
# runner passes the files in environment variables, not vars) re-parses only
# the models that read them.
_build_area: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def _make_build_area(tmp_path_factory: pytest.TempPathFactory) -> None:
    _build_area.append(tmp_path_factory.mktemp("build_area"))


def build_area() -> Path:
    """This test process's folder for dbt's target, logs and build path."""
    assert _build_area, "the session fixture _make_build_area has not run"
    return _build_area[0]


@pytest.fixture(autouse=True)
def shared_dbt_dirs(monkeypatch: pytest.MonkeyPatch) -> None:
    """dbt's target and log folders: shared by the tests of this process."""
    monkeypatch.setenv("DBT_TARGET_PATH", str(build_area() / "dbt_target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(build_area() / "dbt_logs"))
    monkeypatch.setenv("DO_NOT_TRACK", "1")


@pytest.fixture
def fresh_dbt_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """For a test that checks what dbt wrote (or that it never started):
    its own, new target folder tmp_path/dbt_target."""
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "dbt_target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(tmp_path / "dbt_logs"))
    return tmp_path / "dbt_target"


def _move_database(source: Path, destination: Path) -> None:
    for suffix in ("", ".wal"):
        moved = source.with_name(source.name + suffix)
        if moved.exists():
            shutil.move(moved, destination.with_name(destination.name + suffix))


def build_at_shared_path(db: Path, argv: list[str]) -> int:
    """Runs `assist build ARGV --db <the shared build path>` in this process
    with the shared dbt folders, holding db's file there during the build
    (an incremental build continues it) and moving it to db afterwards."""
    area = build_area()
    shared = area / "build" / "assist.duckdb"
    shared.parent.mkdir(exist_ok=True)
    for leftover in (shared, shared.with_name(shared.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if db.exists():
        _move_database(db, shared)
    dbt_dirs = {
        "DBT_TARGET_PATH": str(area / "dbt_target"),
        "DBT_LOG_PATH": str(area / "dbt_logs"),
    }
    try:
        with environment(dbt_dirs):
            return main(["build", *argv, "--db", str(shared)])
    finally:
        db.parent.mkdir(parents=True, exist_ok=True)
        _move_database(shared, db)


@pytest.fixture
def run_assist(capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """Runs `assist ARGS...` in this process and captures what it prints."""

    def run(*argv: str) -> Outcome:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


def query(db_path: Path, sql: str) -> list[tuple]:
    """Rows of a query on a built DuckDB file."""
    connection = duckdb.connect(str(db_path), read_only=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def scenario_vars(name: str) -> dict:
    """The settings of a scenario's optional `vars.json` (else none)."""
    path = SCENARIOS / name / "vars.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def expected_rows(name: str, file: str) -> list[dict[str, str]]:
    """The rows of one of a scenario's hand-checked CSV files."""
    with open(SCENARIOS / name / file, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def build_scenario(name: str, workdir: Path) -> Path:
    """Builds a scenario's raw data (with its vars.json) through the runner
    once; its DuckDB file (workdir/assist.duckdb). For module-scoped
    fixtures too."""
    data = copy_scenario(name, workdir)
    db = workdir / "assist.duckdb"
    argv = ["--data", str(data)]
    dbt_vars = scenario_vars(name)
    if dbt_vars:
        argv += ["--vars", json.dumps(dbt_vars)]
    code = build_at_shared_path(db, argv)
    assert code == 0, f"building scenario {name} failed with exit code {code}"
    return db


def copy_scenario(name: str, destination: Path) -> Path:
    """A writable copy of a scenario's raw data directory."""
    target = destination / name
    shutil.copytree(SCENARIOS / name / "data", target)
    return target
