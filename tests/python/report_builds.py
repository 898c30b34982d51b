"""One small generated data set, built once per test session for the report
tests (test_reports.py, test_html_report.py): they only read the marts, so
they share the DuckDB file. The build skips the data tests (the CI's own
build of a generated set runs them) to keep the suite fast."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from assist import dbt_invoke
from assist.generator import generate
from assist.validate import inspect_data_dir

PERSONS = 400
SEED = 5
_built: dict[str, Path] = {}


def build_without_tests(data: Path, root: Path, select: str | None = None) -> Path:
    """Builds `data` into root/assist.duckdb (models and seeds only)."""
    db = root / "assist.duckdb"
    found = inspect_data_dir(str(data))
    command = [
        "build",
        "--vars",
        json.dumps(found.dbt_vars()),
        "--exclude-resource-type",
        "test",
        "--exclude-resource-type",
        "unit_test",
    ]
    if select:
        command += ["--select", select]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(root / "dbt_target"))
        patch.setenv("DBT_LOG_PATH", str(root / "dbt_logs"))
        patch.setenv("ASSIST_DUCKDB_PATH", str(db))
        patch.setenv("DO_NOT_TRACK", "1")
        run = dbt_invoke.invoke(command, db_path=db, show_progress=False)
    failed = [f"{n.name}: {n.message}" for n in run.nodes if n.status == "error"]
    assert run.exit_code == 0, run.error or "\n".join(failed)
    return db


def generated_marts_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The DuckDB file of the shared generated build (built on first use)."""
    if "db" not in _built:
        root = tmp_path_factory.mktemp("reports_build")
        data = root / "data"
        generate(data, persons=PERSONS, days=30, seed=SEED, fmt="parquet")
        _built["db"] = build_without_tests(data, root)
    return _built["db"]
