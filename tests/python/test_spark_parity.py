"""Spark parity: the project builds the same warehouse on Spark as on DuckDB.

The Spark test needs Java 17 and the `spark` extra (pyspark, dbt-spark). It is
skipped with ASSIST_SKIP_SPARK=1, except in CI (CI=true), where skipping it
is a failure. It is CI's one Spark build: a `dbt build` (seeds, models,
data tests; the unit tests ran on DuckDB in the generated build) of a small
generated data set on DuckDB, and on Spark the seeds, models, every unit
test and one data test of each test macro
(the models are compared row for row, so the other data tests would check
the same rows; what Spark must show is that each test's SQL runs there).
Every node asked of both that passes on DuckDB must pass on Spark (not
fail, not be skipped or disabled) and every model must hold the same rows.
About 8 minutes on a 2-core machine (more under load), nearly all of it
Spark.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest
from assist.parity import (
    TableData,
    compare_tables,
    models_of,
    run_parity,
    without_columns,
)
from conftest import SCENARIOS


def _require_spark() -> None:
    skip = os.environ.get("ASSIST_SKIP_SPARK", "").strip() == "1"
    in_ci = os.environ.get("CI", "").strip().lower() == "true"
    if skip and in_ci:
        pytest.fail("ASSIST_SKIP_SPARK=1 is set but CI=true: CI must run on Spark")
    if skip:
        pytest.skip("ASSIST_SKIP_SPARK=1")
    missing = [
        name
        for name in ("pyspark", "dbt.adapters.spark")
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not installed: pip install -e '.[spark]' "
            "(or set ASSIST_SKIP_SPARK=1 outside CI)"
        )
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail("Spark needs Java 17 (java not on PATH, JAVA_HOME not set)")


def _small_data_set(destination: Path) -> Path:
    """A small generated data set (with the generator's bad rows), else the
    quarantine scenario, which has every kind of bad row of CONTRACT 1."""
    try:
        from assist.generator import generate
    except ImportError:
        generate = None
    if generate is None:
        data = destination / "quarantine"
        shutil.copytree(SCENARIOS / "quarantine" / "data", data)
        return data
    data = destination / "generated"
    generate(data, persons=40, days=5, seed=11)
    return data


def test_spark_builds_the_same_warehouse_as_duckdb(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], with_unit_tests: None
) -> None:
    _require_spark()
    data = _small_data_set(tmp_path)
    report = run_parity(
        data,
        work_dir=tmp_path / "parity",
        with_tests=True,
        spark_data_tests="one_per_kind",
        duckdb_unit_tests=False,  # they ran in the generated build
    )
    with capsys.disabled():  # the timings belong in the CI log
        print("\n" + report.render())
    assert report.models, "no model was compared"
    assert report.ok, report.render()


def _table(rows: list[tuple], kinds: tuple[str, ...] = ("string", "float")):
    return TableData(["id", "credit"], list(kinds), rows)


def test_compare_tables_accepts_float_noise_and_any_row_order() -> None:
    duck = _table([("a", 0.1 + 0.2), ("b", None)])
    spark = _table([("b", None), ("a", 0.3)])
    assert compare_tables(duck, spark) == []


def test_compare_tables_reports_values_counts_columns_and_kinds() -> None:
    duck = _table([("a", 0.5), ("b", 1.0)])
    assert any(
        "credit" in p for p in compare_tables(duck, _table([("a", 0.5), ("b", 1.1)]))
    )
    assert any("row count" in p for p in compare_tables(duck, _table([("a", 0.5)])))
    renamed = TableData(["id", "weight"], ["string", "float"], [("a", 0.5), ("b", 1.0)])
    assert any("columns differ" in p for p in compare_tables(duck, renamed))
    decimal = _table([("a", 0.5), ("b", 1.0)], ("string", "decimal"))
    assert any(
        "DuckDB float, Spark decimal" in p for p in compare_tables(duck, decimal)
    )


def test_engine_specific_columns_are_left_out_of_the_comparison(tmp_path: Path) -> None:
    manifest = {
        "metadata": {"project_name": "assist"},
        "nodes": {
            "model.assist.fingerprints": {
                "resource_type": "model",
                "package_name": "assist",
                "name": "fingerprints",
                "schema": "intermediate",
                "config": {"materialized": "table", "enabled": True},
                "columns": {
                    "person_id": {"config": {"meta": {}}},
                    "fingerprint": {"config": {"meta": {"engine_specific": True}}},
                },
            }
        },
    }
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    model = models_of(path)["fingerprints"]
    assert model.engine_specific == ("fingerprint",)
    duck = TableData(["person_id", "fingerprint"], ["string", "string"], [("p", "1")])
    spark = TableData(["person_id", "fingerprint"], ["string", "string"], [("p", "2")])
    assert compare_tables(duck, spark)
    assert (
        compare_tables(
            without_columns(duck, ("fingerprint",)),
            without_columns(spark, ("fingerprint",)),
        )
        == []
    )
