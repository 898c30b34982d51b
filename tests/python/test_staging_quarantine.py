"""Staging: every bad row quarantined with its first reason, nothing lost."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest
from conftest import SCENARIOS, build_at_shared_path, build_scenario, query


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The quarantine scenario built once for the module; its DuckDB file."""
    return build_scenario("quarantine", tmp_path_factory.mktemp("quarantine"))


def _expected(name: str, file: str) -> list[dict[str, str]]:
    with open(SCENARIOS / name / file, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_bad_row_is_quarantined_with_its_reason(built: Path):
    db = built

    actual = sorted(
        query(
            db,
            "select source_table, coalesce(row_key, ''), reason "
            "from marts.audit_quarantine",
        )
    )
    expected = sorted(
        (row["source_table"], row["row_key"], row["reason"])
        for row in _expected("quarantine", "expected_quarantine.csv")
    )
    assert actual == expected


def test_reconciliation_holds_for_every_table(built: Path):
    db = built

    actual = {
        row[0]: tuple(row[1:])
        for row in query(
            db,
            "select source_table, raw_rows, staged_rows, duplicate_rows, "
            "quarantined_rows from marts.audit_reconciliation",
        )
    }
    expected = {
        row["source_table"]: (
            int(row["raw_rows"]),
            int(row["staged_rows"]),
            int(row["duplicate_rows"]),
            int(row["quarantined_rows"]),
        )
        for row in _expected("quarantine", "expected_reconciliation.csv")
    }
    assert actual == expected
    for raw, staged, duplicates, quarantined in actual.values():
        assert raw == staged + duplicates + quarantined


def test_duplicates_are_staged_once_and_values_normalised(built: Path):
    db = built

    events = query(
        db,
        "select event_id, cast(event_at as varchar), channel, event_type, platform,"
        " email_hash from staging.stg_raw__message_events order by event_id",
    )
    assert events == [
        ("m01", "2026-10-01 10:00:00", "app_push", "click", "ios", None),
        ("m10", "2026-10-01 10:00:00", "kakao", "delivery", None, None),
        ("m11", "2000-01-01 00:00:00", "email", "open", None, "abcdef"),
    ]
    orders = dict(query(db, "select order_id, email_hash from staging.stg_raw__orders"))
    # sha256 of the trimmed, lower-cased address; the raw e-mail is never stored
    assert orders["o1"] == hashlib.sha256(b"someone@example.com").hexdigest()
    leaked = query(
        db,
        "select count(*) from marts.audit_quarantine "
        "where lower(raw_row) like '%someone@%'",
    )
    assert leaked == [(0,)]
    currencies = dict(
        query(db, "select event_id, currency from staging.stg_raw__app_events")
    )
    assert currencies == {"a01": "EUR", "a07": "USD", "a08": None}


def test_a_campaign_channel_must_be_a_message_channel(built: Path):
    """campaigns.channel is an enum of the message channels: `fax` is
    quarantined as unknown_enum; ` In_App ` matches, trimmed and lower-cased."""
    db = built

    quarantined = query(
        db,
        "select row_key, reason from marts.audit_quarantine "
        "where source_table = 'campaigns' and row_key = 'c4'",
    )
    assert quarantined == [("c4", "unknown_enum")]
    channels = dict(
        query(db, "select campaign_id, channel from staging.stg_raw__campaigns")
    )
    assert channels == {"c1": "app_push", "c2": "email", "c5": "in_app"}


def test_parquet_files_give_the_same_staging_as_csv(built: Path, tmp_path: Path):
    """The same raw rows as Parquet files quarantine the same rows with the
    same reasons and raw JSON as the module's build of the CSV files."""
    parquet_dir = tmp_path / "parquet"
    parquet_dir.mkdir()
    connection = duckdb.connect()
    for path in (SCENARIOS / "quarantine" / "data").glob("*.csv"):
        target = parquet_dir / f"{path.stem}.parquet"
        connection.execute(
            f"copy (select * from read_csv('{path}', all_varchar = true, "
            f"header = true)) to '{target}' (format parquet)"
        )
    connection.close()
    db = tmp_path / "parquet.duckdb"
    assert build_at_shared_path(db, ["--data", str(parquet_dir)]) == 0
    quarantined = (
        "select source_table, row_key, reason, raw_row "
        "from marts.audit_quarantine order by all"
    )
    assert query(db, quarantined) == query(built, quarantined)
