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

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCENARIOS = PROJECT_DIR / "tests" / "scenarios"


# Unit tests test the SQL, not the data: they run once per test session, in
# the build of test_generated_reconciliation.py (and on Spark in the parity
# test), which lift this setting. Every other build of the suite, in this
# process or in a subprocess, runs seeds, models and data tests only. dbt
# reads DBT_EXCLUDE_RESOURCE_TYPES like --exclude-resource-type.
EXCLUDE_UNIT_TESTS = "DBT_EXCLUDE_RESOURCE_TYPES"

# Test modules that run for minutes, started first so that the workers of
# `pytest -n 2` (pytest-xdist) finish together. The rest keep file order.
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


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Keeps each module on one xdist worker (its module-scoped builds are
    built once) unless it names a group shared with other modules
    (`pytest.mark.xdist_group`), and puts the slow modules first."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.path.name))

    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_MODULES.index(name) if name in SLOW_MODULES else len(SLOW_MODULES)

    items.sort(key=rank)  # stable: file and test order kept within a rank


@pytest.fixture
def with_unit_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds of this test run the dbt unit tests too."""
    monkeypatch.delenv(EXCLUDE_UNIT_TESTS, raising=False)


@dataclass
class Outcome:
    exit_code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def isolated_dbt_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own dbt target and log folders (no shared state)."""
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "dbt_target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(tmp_path / "dbt_logs"))
    monkeypatch.setenv("DO_NOT_TRACK", "1")


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
    once; its DuckDB file.

    For module-scoped fixtures: isolates dbt's target and log folders itself.
    """
    data = copy_scenario(name, workdir)
    db = workdir / "assist.duckdb"
    argv = ["build", "--data", str(data), "--db", str(db)]
    dbt_vars = scenario_vars(name)
    if dbt_vars:
        argv += ["--vars", json.dumps(dbt_vars)]
    previous = {key: os.environ.get(key) for key in ("DBT_TARGET_PATH", "DBT_LOG_PATH")}
    os.environ["DBT_TARGET_PATH"] = str(workdir / "dbt_target")
    os.environ["DBT_LOG_PATH"] = str(workdir / "dbt_logs")
    try:
        code = main(argv)
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert code == 0, f"building scenario {name} failed with exit code {code}"
    return db


def copy_scenario(name: str, destination: Path) -> Path:
    """A writable copy of a scenario's raw data directory."""
    target = destination / name
    shutil.copytree(SCENARIOS / name / "data", target)
    return target
