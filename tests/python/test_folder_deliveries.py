"""Raw tables delivered as folders of files (CONTRACT 1): `<data dir>/<table>/`
holds any number of CSV or Parquet files, all of them one table.

`assist validate` checks each file of a folder on its own and names it; a
build reads the union of a folder's files by column name. The generator's
`--split-by day` is tested in test_generate.py. A build reads in full only
the files it has not validated before.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
from pathlib import Path

import duckdb
import pytest
from assist.project import UsageError
from assist.validate import inspect_data_dir, inspect_for_build, validation_record
from conftest import build_area, build_at_shared_path, copy_scenario, query
from test_attribution import (
    test_assists_match_the_scenario as check_assists,
)
from test_attribution import (
    test_conversions_match_the_scenario as check_conversions,
)
from test_attribution import (
    test_credits_match_the_scenario_for_every_model as check_credits,
)

SCENARIO = "attribution_cart_reminder"

REQUIRED_HEADERS = {
    "message_events": "event_id,event_at,channel,event_type",
    "app_events": "event_id,event_at,event_name,device_id",
    "web_events": "event_id,event_at,event_name,anonymous_id",
    "orders": "order_id,ordered_at,sales_channel,revenue,status",
}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _to_parquet(source: Path, target: Path) -> None:
    """The CSV as a Parquet file of text columns."""
    connection = duckdb.connect()
    try:
        connection.execute(
            f"copy (select * from read_csv('{source}', header = true, "
            f"all_varchar = true)) to '{target}' (format parquet)"
        )
    finally:
        connection.close()
    source.unlink()


def _split_into_folder(data: Path, table: str, parts: list[dict]) -> None:
    """Replaces <table>.csv by a folder <table>/ of the same rows. Each part
    is {name, rows: slice, drop: columns left out (empty in those rows),
    reverse: columns in reverse order, parquet: written as Parquet}."""
    columns, rows = _read(data / f"{table}.csv")
    folder = data / table
    folder.mkdir()
    for part in parts:
        chosen = rows[part["rows"]]
        dropped = part.get("drop", [])
        for row in chosen:
            assert all(not row[column] for column in dropped), (table, row)
        kept = [column for column in columns if column not in dropped]
        if part.get("reverse"):
            kept.reverse()
        path = folder / f"{part['name']}.csv"
        _write(path, kept, chosen)
        if part.get("parquet"):
            _to_parquet(path, folder / f"{part['name']}.parquet")
    (data / f"{table}.csv").unlink()


def _folder_scenario(root: Path) -> Path:
    """The scenario's raw data with every table as a folder of 1 to 3
    deliveries: files lacking optional columns, columns in another order,
    a Parquet file beside CSV files, a header-only file, and a marker file
    and a hidden file that are ignored."""
    data = copy_scenario(SCENARIO, root)
    _split_into_folder(
        data,
        "message_events",
        [
            {"name": "2026-09-10-a", "rows": slice(0, 2)},
            {"name": "2026-09-10-b", "rows": slice(2, 3), "parquet": True},
            {"name": "2026-09-10-c", "rows": slice(3, 4), "drop": ["platform"]},
        ],
    )
    _split_into_folder(
        data,
        "app_events",
        [
            {"name": "2026-09-09-a", "rows": slice(0, 1)},
            {"name": "2026-09-09-b", "rows": slice(1, 2), "reverse": True},
        ],
    )
    _split_into_folder(
        data,
        "web_events",
        [
            {"name": "2026-09-10-a", "rows": slice(0, 1)},
            {
                "name": "2026-09-10-b",
                "rows": slice(1, 4),
                "drop": ["referrer_url", "click_id"],
            },
        ],
    )
    _split_into_folder(
        data,
        "orders",
        [
            {"name": "2026-09-09", "rows": slice(0, 0)},
            {"name": "2026-09-10", "rows": slice(0, 1)},
        ],
    )
    (data / "orders" / "_SUCCESS").write_bytes(b"")
    (data / "web_events" / ".DS_Store").write_bytes(b"\0\0\0\1")
    return data


def _header_only_folders(root: Path) -> Path:
    """A data directory of folders, each with one header-only delivery."""
    for table, header in REQUIRED_HEADERS.items():
        (root / table).mkdir(parents=True)
        (root / table / "2026-10-01.csv").write_text(header + "\n", encoding="utf-8")
    return root


def test_validate_lists_each_folder_with_its_files(tmp_path: Path, run_assist):
    data = _folder_scenario(tmp_path)
    (data / "identity_links").mkdir()  # an empty folder: a table without rows
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 0, outcome.err
    lines = outcome.err.splitlines()
    summary = next(line for line in lines if line.startswith("ok  message_events"))
    assert "4 rows" in summary and "(3 files)" in summary
    assert any("2026-09-10-b.parquet" in line and "1 rows" in line for line in lines)
    assert any(
        line.startswith("ok  identity_links") and "(0 files)" in line for line in lines
    )
    assert "_SUCCESS" not in outcome.err and ".DS_Store" not in outcome.err


def test_validate_names_the_file_inside_the_folder(tmp_path: Path, run_assist):
    data = _header_only_folders(tmp_path / "data")
    late = data / "orders" / "2026-10-02.csv"
    late.write_text("order_id,ordered_at,revenue,status\n", encoding="utf-8")
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert str(late) in outcome.err and "sales_channel" in outcome.err

    late.unlink()
    packed = data / "web_events" / "2026-10-02.csv"
    with gzip.open(packed, "wb") as handle:
        handle.write(b"event_id,event_at,event_name,anonymous_id\n")
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert str(packed) in outcome.err and "gzip" in outcome.err

    packed.unlink()
    latin = data / "app_events" / "2026-10-02.csv"
    latin.write_bytes(
        b"event_id,event_at,event_name,device_id\nx,2026-10-02,caf\xe9,d\n"
    )
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert str(latin) in outcome.err and "line 2 is not UTF-8" in outcome.err


def test_a_folder_holds_only_deliveries(tmp_path: Path, run_assist):
    data = _header_only_folders(tmp_path / "data")
    stray = data / "orders" / "2026-10-02.csv.gz"
    stray.write_bytes(b"")
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert str(stray) in outcome.err and "not a .csv or .parquet" in outcome.err

    stray.unlink()
    (data / "orders" / "hour=01").mkdir()
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert "hour=01" in outcome.err and "no subfolders" in outcome.err


def test_a_table_as_file_and_folder_is_an_input_error(tmp_path: Path, run_assist):
    data = _header_only_folders(tmp_path / "data")
    (data / "orders.csv").write_text(REQUIRED_HEADERS["orders"] + "\n")
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert "orders.csv and orders/" in outcome.err


def test_a_missing_required_folder_names_the_choices(tmp_path: Path, run_assist):
    data = _header_only_folders(tmp_path / "data")
    for path in (data / "orders").iterdir():
        path.unlink()
    (data / "orders").rmdir()
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 2
    assert "orders.csv, orders.parquet or a folder orders/" in outcome.err


def test_a_scenario_split_into_folders_builds_the_same_outputs(tmp_path: Path):
    """One build: the scenario's tables as folders (files lacking optional
    columns, columns reordered, CSV and Parquet mixed) give the scenario's
    hand-checked conversions, credits and assists."""
    data = _folder_scenario(tmp_path)
    db = tmp_path / "assist.duckdb"
    assert build_at_shared_path(db, ["--data", str(data)]) == 0
    # the build recorded every raw file it validated, beside its database
    record = validation_record(build_area() / "build" / "assist.duckdb")
    listed = inspect_data_dir(data).raw_files.values()
    delivered = {str(path) for files in listed for path in files}
    assert set(json.loads(record.read_text(encoding="utf-8"))["files"]) == delivered
    check_conversions((SCENARIO, db))
    check_credits((SCENARIO, db))
    check_assists((SCENARIO, db))
    reconciliation = dict(
        query(db, "select source_table, raw_rows from marts.audit_reconciliation")
    )
    assert reconciliation == {
        "message_events": 4,
        "app_events": 2,
        "web_events": 4,
        "orders": 1,
    }
    # the Parquet delivery's row, and a column absent from one web file
    referrers = query(
        db,
        "select event_id, referrer_url from raw.web_events order by event_id",
    )
    assert referrers[0] == ("w1", "https://www.google.com/search?q=shop")
    assert [referrer for _, referrer in referrers[1:]] == [None, None, None]
    parquet_row = "select count(*) from raw.message_events where event_id = 'm5'"
    assert query(db, parquet_row) == [(1,)]


def _delivered_messages(data: Path) -> Path:
    """A data directory whose message events are a folder of two CSV days."""
    data = _header_only_folders(data)
    for day in ("2026-10-01", "2026-10-02"):
        (data / "message_events" / f"{day}.csv").write_text(
            REQUIRED_HEADERS["message_events"] + f"\nm-{day},{day},push,send\n",
            encoding="utf-8",
        )
    return data


def test_a_build_validates_only_new_or_changed_files(tmp_path: Path):
    """The runner's full read (every line's encoding and fields) covers a
    file once: the validation record beside the database keeps each file
    that passed with its size, modification time and rows; an unchanged
    file is not read again, a changed one is, and --full-refresh or a
    record of another raw contract reads every file."""
    data = _delivered_messages(tmp_path / "data")
    record = validation_record(tmp_path / "assist.duckdb")
    assert record.name == "assist.duckdb.validated.json"
    first = inspect_for_build(data, record)
    assert first.row_counts["message_events"] == 2
    recorded = json.loads(record.read_text(encoding="utf-8"))["files"]
    assert set(recorded) == {str(path) for path in first.file_rows}

    # bytes that are not UTF-8, size and modification time kept: the file
    # counts as the one validated, and its recorded rows are used
    day = data / "message_events" / "2026-10-01.csv"
    status = day.stat()
    text = day.read_bytes()
    day.write_bytes(text[:-3] + b"\xe9nd")
    os.utime(day, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert inspect_for_build(data, record).row_counts["message_events"] == 2
    with pytest.raises(UsageError, match="line 2 is not UTF-8"):
        inspect_for_build(data, record, full_refresh=True)

    document = json.loads(record.read_text(encoding="utf-8"))
    saved = document["files"][str(day.resolve())]
    document["files"][str(day.resolve())] = "not an entry"
    record.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(UsageError, match=str(day)):
        inspect_for_build(data, record)
    document["files"][str(day.resolve())] = saved
    document["contract"] = "another contract"
    record.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(UsageError, match=str(day)):
        inspect_for_build(data, record)

    # a changed file (its modification time moved) is read again
    day.write_bytes(text)
    inspect_for_build(data, record)
    day.write_bytes(text + b"m-late,2026-10-01,push\n")
    with pytest.raises(UsageError, match="line 3 has 3 fields"):
        inspect_for_build(data, record)
    day.write_bytes(text + b"m-late,2026-10-01,push,click\n")
    assert inspect_for_build(data, record).row_counts["message_events"] == 3
