"""Builds shared by several test modules, built once per test process.

The generated build is CI's build of a generated data set with every kind
of bad row: every data test and every dbt unit test (the suite's one run of
the unit tests on DuckDB, see conftest). test_generated_reconciliation.py
checks its quarantine and counts, test_reports.py and test_html_report.py
read its marts; conftest's xdist scheduler keeps the three on one worker.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from assist import dbt_invoke
from assist.generator import generate
from assist.validate import inspect_data_dir
from conftest import EXCLUDE_UNIT_TESTS, build_area, build_at_shared_path

PERSONS = 2000
DAYS = 30
SEED = 11


@dataclass
class GeneratedBuild:
    data: Path
    manifest: dict  # the generator's manifest: what it wrote and injected
    db: Path
    results: list[dict]  # the build's run_results.json


_built: dict[str, GeneratedBuild] = {}


def generated_build(tmp_path_factory: pytest.TempPathFactory) -> GeneratedBuild:
    """The generated data set built through the runner with every test
    (built on first use)."""
    if "generated" not in _built:
        root = tmp_path_factory.mktemp("generated")
        data = root / "data"
        generate(data, persons=PERSONS, days=DAYS, seed=SEED)
        manifest = json.loads((data / "generator_manifest.json").read_text())
        db = root / "assist.duckdb"
        with pytest.MonkeyPatch.context() as patch:
            patch.delenv(EXCLUDE_UNIT_TESTS, raising=False)
            code = build_at_shared_path(db, ["--data", str(data)])
        assert code == 0, "the generated data set must build with every test passing"
        run_results = build_area() / "dbt_target" / "run_results.json"
        results = json.loads(run_results.read_text())["results"]
        _built["generated"] = GeneratedBuild(data, manifest, db, results)
    return _built["generated"]


def generated_marts_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The DuckDB file of the generated build."""
    return generated_build(tmp_path_factory).db


def build_without_tests(data: Path, root: Path, select: str | None = None) -> Path:
    """Builds `data` into root/assist.duckdb (models and seeds only)."""
    db = root / "assist.duckdb"
    found = inspect_data_dir(str(data))
    command = [
        "build",
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
        run = dbt_invoke.invoke(
            command, db_path=db, show_progress=False, env=found.dbt_env()
        )
    failed = [f"{n.name}: {n.message}" for n in run.nodes if n.status == "error"]
    assert run.exit_code == 0, run.error or "\n".join(failed)
    return db
