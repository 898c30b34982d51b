"""The report marts end to end: the campaign conversion-period scenario of the
engagement platform's FAQ (through the runner), `assist export`, and the dbt
docs (every report mart and column documented, exposures, `dbt docs
generate` without network)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from assist.dbt_invoke import _release_duckdb
from conftest import PROJECT_DIR, SCENARIOS, build_scenario, query
from dbt.cli.main import dbtRunner
from shared_builds import generated_marts_db

SCENARIO = "campaign_conversion_period"
REPORT_MARTS = (
    "rpt_campaign_conversions",
    "rpt_channel_assists",
    "rpt_conversion_path_lengths",
    "rpt_conversion_paths",
    "rpt_conversion_time_lags",
    "rpt_holdout_lift",
    "rpt_model_comparison",
    "rpt_push_performance",
)
MY_FOLDERS = (
    "models/marts/reports/",
    "models/intermediate/campaigns/",
    "models/intermediate/experiments/",
)


def _expected(file: str) -> list[dict[str, str]]:
    with open(SCENARIOS / SCENARIO / file, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def scenario_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The FAQ scenario built once through the runner (every model and test)."""
    return build_scenario(SCENARIO, tmp_path_factory.mktemp(SCENARIO))


def test_campaign_conversions_follow_the_platform_policy(scenario_db: Path) -> None:
    """Last click wins a purchase, custom events count for every clicked
    campaign that lists them, and a period change applies from its date on."""
    actual = {
        (campaign, kind): (conversions, revenue)
        for campaign, kind, conversions, revenue in query(
            scenario_db,
            "select campaign_id, conversion_type, conversions, revenue "
            "from marts.rpt_campaign_conversions",
        )
    }
    expected = {
        (row["campaign_id"], row["conversion_type"]): (
            int(row["conversions"]),
            float(row["revenue"]),
        )
        for row in _expected("expected_campaign_conversions.csv")
    }
    assert actual == expected


def test_holdout_groups_and_converters(scenario_db: Path) -> None:
    columns = (
        "campaign_id, conversion_type, treatment_users, control_users, "
        "treatment_converters, control_converters, unknown_users"
    )
    actual = sorted(
        tuple(str(value) for value in row)
        for row in query(scenario_db, f"select {columns} from marts.rpt_holdout_lift")
    )
    expected = sorted(
        tuple(row.values()) for row in _expected("expected_holdout_lift.csv")
    )
    assert actual == expected


def test_every_report_mart_is_in_the_marts_schema(scenario_db: Path) -> None:
    tables = {
        row[0]
        for row in query(
            scenario_db,
            "select table_name from information_schema.tables "
            "where table_schema = 'marts'",
        )
    }
    assert set(REPORT_MARTS) <= tables


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export_writes_every_mart(
    fmt: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, run_assist
) -> None:
    db = generated_marts_db(tmp_path_factory)
    out = tmp_path / "export"
    outcome = run_assist("export", "--format", fmt, "--out", str(out), "--db", str(db))
    assert outcome.exit_code == 0, outcome.err
    connection = duckdb.connect(str(db), read_only=True)
    try:
        marts = {
            name: connection.execute(f'select count(*) from marts."{name}"').fetchone()[
                0
            ]
            for (name,) in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'marts'"
            ).fetchall()
        }
    finally:
        connection.close()
    assert set(REPORT_MARTS) <= set(marts)
    assert sorted(path.name for path in out.iterdir()) == sorted(
        f"{name}.{fmt}" for name in marts
    )
    for name, rows in marts.items():
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            assert pq.read_metadata(path).num_rows == rows, name
        else:
            with open(path, encoding="utf-8", newline="") as handle:
                assert sum(1 for _ in csv.reader(handle)) == rows + 1, name
    if fmt == "csv":
        with open(out / "rpt_campaign_conversions.csv", encoding="utf-8") as handle:
            first = next(csv.DictReader(handle))
        # Timestamps are ISO 8601 in UTC.
        assert first["first_converted_at"].endswith("Z")
        assert "T" in first["first_converted_at"]


def test_report_and_export_name_a_missing_database(tmp_path: Path, run_assist) -> None:
    missing = tmp_path / "nowhere.duckdb"
    outcome = run_assist(
        "report", "--db", str(missing), "--out", str(tmp_path / "r.html")
    )
    assert outcome.exit_code == 2
    assert "nowhere.duckdb" in outcome.err
    outcome = run_assist("export", "--format", "csv", "--out", str(tmp_path / "x"),
                         "--db", str(missing))  # fmt: skip
    assert outcome.exit_code == 2
    assert "nowhere.duckdb" in outcome.err


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """`dbt docs generate` on the generated build (offline: no network)."""
    db = generated_marts_db(tmp_path_factory)
    root = tmp_path_factory.mktemp("docs")
    target = root / "dbt_target"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(target))
        patch.setenv("DBT_LOG_PATH", str(root / "dbt_logs"))
        patch.setenv("ASSIST_DUCKDB_PATH", str(db))
        patch.setenv("DO_NOT_TRACK", "1")
        result = dbtRunner().invoke(
            [
                "docs",
                "generate",
                "--project-dir",
                str(PROJECT_DIR),
                "--profiles-dir",
                str(PROJECT_DIR),
                "--quiet",
            ]
        )
        _release_duckdb()
    assert result.success, result.exception
    assert (target / "index.html").is_file()
    return {
        "manifest": json.loads((target / "manifest.json").read_text()),
        "catalog": json.loads((target / "catalog.json").read_text()),
    }


def _my_models(manifest: dict) -> dict[str, dict]:
    return {
        node_id: node
        for node_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith(MY_FOLDERS)
    }


def test_every_report_model_and_column_is_documented(docs: dict[str, dict]) -> None:
    models = _my_models(docs["manifest"])
    assert {node["name"] for node in models.values()} >= set(REPORT_MARTS)
    for node_id, node in models.items():
        assert node["description"].strip(), node_id
        built = docs["catalog"]["nodes"][node_id]["columns"]
        documented = {
            name.lower(): column["description"].strip()
            for name, column in node["columns"].items()
        }
        for column in built:
            assert documented.get(column.lower()), f"{node['name']}.{column}"
        # ...and nothing documented that the model does not have.
        assert set(documented) <= {column.lower() for column in built}, node_id
    for node in models.values():
        if node["original_file_path"].startswith("models/marts/"):
            assert node["schema"] == "marts", node["name"]


def test_exposures_cover_the_html_report_and_a_dashboard(
    docs: dict[str, dict],
) -> None:
    exposures = {
        exposure["name"]: exposure
        for exposure in docs["manifest"]["exposures"].values()
    }
    assert exposures["assist_html_report"]["type"] == "application"
    assert exposures["assist_bi_dashboard"]["type"] == "dashboard"
    depends = set(exposures["assist_html_report"]["depends_on"]["nodes"])
    assert {f"model.assist.{name}" for name in REPORT_MARTS} <= depends
