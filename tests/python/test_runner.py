"""The `assist` runner: input errors exit 2 with a message; builds succeed."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import yaml
from conftest import PROJECT_DIR, query

REQUIRED_HEADERS = {
    "message_events": "event_id,event_at,channel,event_type",
    "app_events": "event_id,event_at,event_name,device_id",
    "web_events": "event_id,event_at,event_name,anonymous_id",
    "orders": "order_id,ordered_at,sales_channel,revenue,status",
}


def _header_only_dir(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for table, header in REQUIRED_HEADERS.items():
        (root / f"{table}.csv").write_text(header + "\n", encoding="utf-8")
    return root


def test_raw_table_list_matches_the_contract_yaml():
    sources = yaml.safe_load(
        (PROJECT_DIR / "models/staging/raw/_raw__sources.yml").read_text()
    )
    declared = [table["name"] for table in sources["sources"][0]["tables"]]
    macro = (PROJECT_DIR / "macros/raw/raw_table_names.sql").read_text()
    listed = re.findall(r"'([a-z_]+)'", macro)
    assert listed == declared


def test_validate_names_file_and_missing_column(tmp_path: Path, run_assist):
    data = _header_only_dir(tmp_path / "data")
    (data / "web_events.csv").write_text("event_id,event_at,event_name\n")
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert "web_events.csv" in outcome.err
    assert "'anonymous_id'" in outcome.err
    assert "Traceback" not in outcome.err


def test_validate_reports_a_missing_required_table(tmp_path: Path, run_assist):
    data = _header_only_dir(tmp_path / "data")
    (data / "orders.csv").unlink()
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert "orders" in outcome.err and "missing" in outcome.err


def test_build_on_a_missing_folder_exits_2(tmp_path: Path, run_assist):
    outcome = run_assist("build", "--data", str(tmp_path / "nowhere"))
    assert outcome.exit_code == 2
    assert "does not exist" in outcome.err


def test_build_rejects_malformed_vars(tmp_path: Path, run_assist):
    data = _header_only_dir(tmp_path / "data")
    outcome = run_assist("build", "--data", str(data), "--vars", "{not json")
    assert outcome.exit_code == 2
    assert "--vars" in outcome.err


def test_two_files_for_one_table_is_an_input_error(tmp_path: Path, run_assist):
    data = _header_only_dir(tmp_path / "data")
    connection = duckdb.connect()
    connection.execute(
        f"copy (select 'x' as event_id) to '{data / 'app_events.parquet'}'"
    )
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert "app_events.csv" in outcome.err and "app_events.parquet" in outcome.err


def test_header_only_files_without_optional_tables_build(tmp_path: Path, run_assist):
    data = _header_only_dir(tmp_path / "data")
    db = tmp_path / "assist.duckdb"
    outcome = run_assist("build", "--data", str(data), "--db", str(db))
    assert outcome.exit_code == 0, outcome.err
    tables = query(db, "select source_table, raw_rows from marts.audit_reconciliation")
    assert sorted(tables) == sorted((name, 0) for name in REQUIRED_HEADERS)


def test_config_folder_overrides_a_seed(tmp_path: Path, run_assist):
    data = _header_only_dir(tmp_path / "data")
    (data / "config").mkdir()
    (data / "config" / "conversion_types.csv").write_text(
        "conversion_type,event_name,click_lookback_days,impression_lookback_days\n"
        "purchase,purchase,7,1\n"
        "lead,generate_lead,14,0\n"
    )
    db = tmp_path / "assist.duckdb"
    outcome = run_assist("build", "--data", str(data), "--db", str(db))
    assert outcome.exit_code == 0, outcome.err
    rows = query(
        db,
        "select conversion_type, event_name, click_lookback_days "
        "from staging.stg_config__conversion_types order by 1",
    )
    assert rows == [("lead", "generate_lead", 14), ("purchase", "purchase", 7)]
