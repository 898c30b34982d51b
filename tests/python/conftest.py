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
