"""Scheduled-run support: source freshness, selectors and the JSON summary."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from assist import dbt_invoke
from assist.dbt_invoke import DbtRun, NodeResult
from assist.summary import print_json_summary
from assist.validate import inspect_data_dir
from conftest import PROJECT_DIR

HEADERS = {
    "message_events": "event_id,event_at,channel,event_type,user_id",
    "app_events": "event_id,event_at,event_name,device_id",
    "web_events": "event_id,event_at,event_name,anonymous_id",
    "orders": "order_id,ordered_at,user_id,sales_channel,revenue,status",
}
ROWS = {
    "message_events": "m{n},{at},app_push,click,u1",
    "app_events": "a{n},{at},app_open,d1",
    "web_events": "w{n},{at},page_view,c1",
    "orders": "o{n},{at},u1,app,10,completed",
}


def _data(folder: Path, latest: datetime) -> Path:
    """The four required tables, each with a row at `latest`, an older one
    and one far in the future (which freshness must not count)."""
    folder.mkdir(parents=True)
    moments = [latest - timedelta(days=3), latest, datetime(2100, 1, 1, tzinfo=UTC)]
    for table, header in HEADERS.items():
        lines = [header] + [
            ROWS[table].format(n=n, at=moment.strftime("%Y-%m-%dT%H:%M:%S"))
            for n, moment in enumerate(moments)
        ]
        (folder / f"{table}.csv").write_text("\n".join(lines) + "\n")
    return folder


def _sources(run: DbtRun) -> dict[str, str]:
    """Freshness status per raw table (the on-run-start hook left out)."""
    return {node.name: node.status for node in run.nodes if node.name in HEADERS}


def _freshness(data: Path, db: Path) -> DbtRun:
    dbt_vars = json.dumps(inspect_data_dir(data).dbt_vars())
    return dbt_invoke.invoke(
        ["source", "freshness", "--vars", dbt_vars], db_path=db, show_progress=False
    )


def test_source_freshness_passes_on_fresh_exports_and_fails_on_stale_ones(
    tmp_path: Path,
) -> None:
    now = datetime.now(UTC)
    fresh = _freshness(
        _data(tmp_path / "fresh", now - timedelta(hours=2)), tmp_path / "f.duckdb"
    )
    assert fresh.exit_code == 0, fresh.error
    assert _sources(fresh) == dict.fromkeys(HEADERS, "pass")

    stale = _freshness(
        _data(tmp_path / "stale", now - timedelta(days=4)), tmp_path / "s.duckdb"
    )
    assert stale.exit_code == 1
    assert _sources(stale) == dict.fromkeys(HEADERS, "error")


def test_selectors_are_the_documented_ones() -> None:
    selectors = yaml.safe_load((PROJECT_DIR / "selectors.yml").read_text())
    names = {selector["name"] for selector in selectors["selectors"]}
    assert names == {"full", "daily", "reports"}
    readme = (PROJECT_DIR / "README.md").read_text()
    for name in names:
        assert f"`{name}`" in readme


def test_json_summary_lists_every_node_with_status_rows_and_time(
    tmp_path: Path, capsys
) -> None:
    run = DbtRun(
        1,
        12.5,
        [
            NodeResult("model.assist.a", "model", "a", "success", 1.25, None),
            NodeResult("test.assist.t", "test", "t", "fail", 0.5, None, "Got 2", 2),
        ],
    )
    print_json_summary(run, None)
    summary = json.loads(capsys.readouterr().out)
    assert summary["exit_code"] == 1
    assert summary["statuses"] == {"fail": 1, "success": 1}
    assert [node["name"] for node in summary["nodes"]] == ["a", "t"]
    failed = summary["nodes"][1]
    assert failed["failures"] == 2
    assert failed["message"] == "Got 2"
    assert set(failed) == {
        "unique_id",
        "resource_type",
        "name",
        "status",
        "seconds",
        "rows",
        "failures",
        "message",
    }


def test_every_setting_is_part_of_the_incremental_fingerprint() -> None:
    """A setting left out of incremental_settings() would let an incremental
    build keep rows computed under its old value."""
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())
    # where the raw files are read from changes no value: the rows are hashed
    plumbing = {"raw_files", "raw_schema", "raw_database", "config_files"}
    settings = set(project["vars"]) - plumbing
    macro = (
        PROJECT_DIR / "macros" / "incremental" / "incremental_settings.sql"
    ).read_text()
    listed = set(
        re.findall(r"'([a-z_]+)'", macro.split("set names = [", 1)[1].split("]")[0])
    )
    assert settings == listed
