"""Spark parity: the project builds the same warehouse on Spark as on DuckDB.

The Spark test needs Java 17 and the `spark` extra (pyspark, dbt-spark). It is
skipped with ASSIST_SKIP_SPARK=1, except in CI (CI=true), where skipping it
is a failure. It builds seeds and models only (a few minutes); with
ASSIST_SPARK_PARITY_TESTS=1 both builds also run every data and unit test,
which on a local Spark session takes several times longer.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from assist.parity import TableData, compare_tables, run_parity
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
        from assist.generate import generate
    except ImportError:
        generate = None
    if generate is None:
        data = destination / "quarantine"
        shutil.copytree(SCENARIOS / "quarantine" / "data", data)
        return data
    data = destination / "generated"
    generate(data, persons=40, days=5, seed=11)
    return data


def test_spark_builds_the_same_warehouse_as_duckdb(tmp_path: Path) -> None:
    _require_spark()
    data = _small_data_set(tmp_path)
    with_tests = os.environ.get("ASSIST_SPARK_PARITY_TESTS", "").strip() == "1"
    report = run_parity(data, work_dir=tmp_path / "parity", with_tests=with_tests)
    print(report.render())
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
