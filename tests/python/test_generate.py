"""The synthetic data generator: contract shape, determinism, mess, manifest.

The manifest counts are checked against an independent re-implementation of
the CONTRACT 1 validation and deduplication rules (`_fates` below), so the
warehouse can trust them without this test running dbt.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from assist.generator import BAD_ROW_REASONS, DEFAULT_END_DATE, generate
from assist.project import raw_contract

# The raw contract from the project's one description (the sources YAML read
# by assist.project), not from the generator: columns, required columns,
# types and enum values.
CONTRACT = {table.name: table for table in raw_contract()}
CONTRACT_COLUMNS = {
    name: [column.name for column in table.columns] for name, table in CONTRACT.items()
}
TABLES = list(CONTRACT_COLUMNS)
ID_TYPES = set(
    next(c for c in CONTRACT["identity_links"].columns if c.name == "id_type_a").values
)


def _of_type(table: str, kind: str) -> list[str]:
    return [c.name for c in CONTRACT[table].columns if c.type == kind]


# Per table: key columns (empty: the whole row), timestamp ordering the kept
# row, required columns, typed columns, enums, identifier check.
TABLE_RULES: dict[str, dict] = {
    "message_events": {"key": ["event_id"], "order": "event_at", "identifier": True},
    "app_events": {"key": ["event_id"], "order": "event_at",
                   "non_negative": ["revenue"]},
    "web_events": {"key": ["event_id"], "order": "event_at",
                   "non_negative": ["revenue"]},
    "orders": {"key": ["order_id"], "order": "ordered_at", "identifier": True,
               "non_negative": ["revenue"]},
    "identity_links": {"key": []},
    "consents": {"key": []},
    "campaigns": {"key": ["campaign_id"], "order": "started_at"},
    "holdout_assignments": {"key": []},
    "costs": {"key": []},
    "fx_rates": {"key": ["rate_date", "currency"], "order": "rate_date"},
}  # fmt: skip
RULES: dict[str, dict] = {
    table: {
        **rules,
        "required": CONTRACT[table].required_columns,
        "timestamps": _of_type(table, "timestamp"),
        "dates": _of_type(table, "date"),
        "numbers": _of_type(table, "number"),
        "booleans": _of_type(table, "boolean"),
        "enums": {c.name: set(c.values) for c in CONTRACT[table].columns if c.values},
        "currency": next(iter(_of_type(table, "currency")), None),
    }
    for table, rules in TABLE_RULES.items()
}
ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}"
    r"([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?"
    r"([Zz]|[+-]\d{2}(:?\d{2})?)?$"
)
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
BOOLEANS = {"true", "t", "1", "yes", "y", "false", "f", "0", "no", "n"}


def _timestamp(text: str) -> datetime | None:
    if not ISO.match(text):
        return None
    try:
        value = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def _date(text: str) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return None
    try:
        return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


@functools.cache
def _read(path: Path) -> list[dict[str, str | None]]:
    """The trimmed rows of a CSV file (empty: None); cached, do not modify."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            {k: (v.strip() or None) for k, v in row.items()}
            for row in csv.DictReader(handle)
        ]


def _fates(data: Path, table: str, fx: set[str]) -> Counter[str]:
    """Counts per fate: staged, duplicate, or the quarantine reason."""
    rules = RULES[table]
    latest = datetime.now(timezone.utc) + timedelta(days=1)
    earliest = datetime(2000, 1, 1, tzinfo=timezone.utc)
    fates: Counter[str] = Counter()
    valid: list[tuple[dict[str, str | None], datetime | None]] = []
    for row in _read(data / f"{table}.csv"):
        parsed: dict[str, datetime | None] = {}
        reason = None
        if any(row[c] is None for c in rules["required"]):
            reason = "missing_required"
        for column in rules.get("timestamps", []) + rules.get("dates", []):
            parse = _date if column in rules.get("dates", []) else _timestamp
            parsed[column] = parse(row[column]) if row[column] else None
            if reason is None and row[column] and parsed[column] is None:
                reason = "unparseable"
        for column in rules.get("numbers", []):
            if reason is None and row[column] and not NUMBER.match(row[column]):
                reason = "unparseable"
        for column in rules.get("booleans", []):
            if reason is None and row[column] and row[column].lower() not in BOOLEANS:
                reason = "unparseable"
        for column, allowed in rules.get("enums", {}).items():
            if reason is None and row[column] and row[column].lower() not in allowed:
                reason = "unknown_enum"
        if reason is None and any(
            value is not None and not earliest <= value <= latest
            for value in parsed.values()
        ):
            reason = "timestamp_out_of_range"
        for column in rules.get("non_negative", []):
            if reason is None and row[column] and float(row[column]) < 0:
                reason = "negative_revenue"
        currency = rules.get("currency")
        if reason is None and currency and row[currency]:
            if row[currency].upper() not in fx | {"USD"}:
                reason = "unknown_currency"
        if reason is None and rules.get("identifier"):
            if not any(row[c] for c in ID_TYPES):
                reason = "no_identifier"
        if reason:
            fates[reason] += 1
        else:
            valid.append((row, parsed.get(rules.get("order", ""))))
    groups: dict[tuple, list] = defaultdict(list)
    stamps = rules.get("timestamps", [])
    for row, at in valid:
        if rules["key"]:
            key = tuple((row[c] or "").upper() for c in rules["key"])
        else:  # the whole row, normalised (timestamps as instants)
            key = tuple(
                _timestamp(v) if c in stamps and v else (v or "").lower()
                for c, v in row.items()
            )
        groups[key].append((at or datetime.max.replace(tzinfo=timezone.utc), row))
    for rows in groups.values():
        fates["staged"] += 1
        if len(rows) == 1:
            continue
        rows.sort(key=lambda pair: (pair[0], json.dumps(pair[1])))
        kept = rows[0][1]
        for _, row in rows[1:]:
            same = row == kept or not rules["key"]
            fates["duplicate" if same else "conflicting_duplicate"] += 1
    return fates


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "csv"
    generate(out, persons=2000, days=30, seed=7)
    return out


@pytest.fixture(scope="module")
def manifest(data: Path) -> dict:
    return json.loads((data / "generator_manifest.json").read_text())


def _query(sql: str) -> list[tuple]:
    return duckdb.sql(sql).fetchall()


def _csv(data: Path, table: str) -> str:
    return (
        f"read_csv('{data / table}.csv', header = true, all_varchar = true, "
        "delim = ',', quote = '\"', escape = '\"')"
    )


# --- shape -------------------------------------------------------------------


def test_every_table_has_the_contract_columns(data: Path):
    for table, columns in CONTRACT_COLUMNS.items():
        with open(data / f"{table}.csv", encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split(",")
        assert header == columns, table


def test_returned_and_manifest_rows_match_the_files(tmp_path: Path):
    counts = generate(tmp_path, persons=1000, days=7, seed=3)
    manifest = json.loads((tmp_path / "generator_manifest.json").read_text())
    assert set(counts) == set(TABLES)
    for table in TABLES:
        in_file = len(_read(tmp_path / f"{table}.csv"))
        assert counts[table] == in_file == manifest["rows"][table], table
        assert manifest["tables"][table]["rows"] == in_file
        assert counts[table] > 0, table
    assert manifest["arguments"] == {
        "persons": 1000, "days": 7, "seed": 3, "fmt": "csv",
        "end_date": DEFAULT_END_DATE.isoformat(), "bad_row_rate": 0.002,
        "split_by": None,
    }  # fmt: skip


def test_timestamps_lie_in_the_period(data: Path, manifest: dict):
    start = _timestamp(manifest["period"]["start"])
    stop = _timestamp(manifest["period"]["end_exclusive"])
    assert stop == datetime(2026, 11, 2, tzinfo=timezone.utc)
    assert start == stop - timedelta(days=30)
    columns = {"message_events": "event_at", "app_events": "event_at",
               "web_events": "event_at", "orders": "ordered_at"}  # fmt: skip
    for table, column in columns.items():
        values = [_timestamp(r[column] or "") for r in _read(data / f"{table}.csv")]
        good = [v for v in values if v and v.year not in (1999, 2100)]
        assert min(good) >= start and max(good) < stop, table


def test_parquet_has_the_same_rows_as_strings(tmp_path: Path):
    generate(tmp_path / "c", persons=1000, days=4, seed=5, fmt="csv")
    generate(tmp_path / "p", persons=1000, days=4, seed=5, fmt="parquet")
    assert not list((tmp_path / "p").glob("*.csv"))
    for table in TABLES:
        schema = pq.read_schema(tmp_path / "p" / f"{table}.parquet")
        assert schema.names == CONTRACT_COLUMNS[table]
        assert all(str(t) in ("string", "large_string") for t in schema.types), table
        from_csv = _query(f"select * from {_csv(tmp_path / 'c', table)}")
        from_parquet = _query(
            f"select * from read_parquet('{tmp_path / 'p' / table}.parquet')"
        )
        assert from_csv == from_parquet, table


# --- determinism -------------------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path, fmt: str):
    generate(tmp_path / "a", persons=1000, days=4, seed=11, fmt=fmt)
    generate(tmp_path / "b", persons=1000, days=4, seed=11, fmt=fmt)
    generate(tmp_path / "c", persons=1000, days=4, seed=12, fmt=fmt)
    first, second, other = (_digest(tmp_path / d) for d in "abc")
    assert len(first) == len(TABLES) + 1
    assert first == second
    assert first["app_events." + fmt] != other["app_events." + fmt]
    assert first["message_events." + fmt] != other["message_events." + fmt]


def test_bad_options_are_named(tmp_path: Path):
    with pytest.raises(ValueError, match="fmt"):
        generate(tmp_path, persons=10, fmt="xlsx")
    with pytest.raises(ValueError, match="persons"):
        generate(tmp_path, persons=0)
    with pytest.raises(ValueError, match="bad_row_rate"):
        generate(tmp_path, persons=10, bad_row_rate=-1)
    with pytest.raises(ValueError, match="split_by"):
        generate(tmp_path, persons=10, split_by="hour")


# --- split by day: a folder of daily deliveries per dated table ---------------

SPLIT_TABLES = [table for table in TABLES if table != "campaigns"]
DAY_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module", params=["csv", "parquet"])
def whole_and_daily(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, str]:
    """The same arguments written as one file per table and split by day."""
    fmt = request.param
    root = tmp_path_factory.mktemp(f"split_{fmt}")
    generate(root / "whole", persons=300, days=5, seed=23, fmt=fmt)
    generate(root / "daily", persons=300, days=5, seed=23, fmt=fmt, split_by="day")
    return root / "whole", root / "daily", fmt


def _files(daily: Path, table: str, fmt: str) -> list[Path]:
    return sorted((daily / table).glob(f"*.{fmt}"))


def _rows(paths: list[Path], fmt: str) -> Counter[tuple]:
    """The rows of the files, read as text by DuckDB, as a multiset."""
    names = ", ".join(f"'{path}'" for path in paths)
    reader = (
        f"read_csv([{names}], header = true, all_varchar = true, "
        "delim = ',', quote = '\"', escape = '\"')"
        if fmt == "csv"
        else f"read_parquet([{names}])"
    )
    return Counter(_query(f"select * from {reader}"))


def test_split_by_day_has_the_rows_of_the_single_file(whole_and_daily):
    whole, daily, fmt = whole_and_daily
    assert {path.name for path in daily.iterdir() if path.is_dir()} == set(SPLIT_TABLES)
    assert sorted(path.name for path in daily.glob(f"*.{fmt}")) == [f"campaigns.{fmt}"]
    manifests = [json.loads((d / "generator_manifest.json").read_text())
                 for d in (whole, daily)]  # fmt: skip
    for table in TABLES:
        single = [whole / f"{table}.{fmt}"]
        split = (
            _files(daily, table, fmt)
            if table in SPLIT_TABLES
            else [daily / f"{table}.{fmt}"]
        )
        one, many = _rows(single, fmt), _rows(split, fmt)
        assert one == many, table
        assert sum(many.values()) == manifests[0]["rows"][table], table
        if fmt == "csv":  # the same bytes per row, quoting included
            lines = [path.read_text().splitlines()[1:] for path in split]
            assert Counter(single[0].read_text().splitlines()[1:]) == Counter(
                line for part in lines for line in part
            ), table
    split_files = {
        table: (f"{table}/" if table in SPLIT_TABLES else f"{table}.{fmt}")
        for table in TABLES
    }
    assert manifests[1]["files"] == split_files
    assert manifests[1]["arguments"]["split_by"] == "day"
    for manifest in manifests:
        del manifest["files"], manifest["arguments"]["split_by"]
    assert manifests[0] == manifests[1]


def _day_values(path: Path, column: str) -> list[str | None]:
    """The trimmed text of one column of a file (empty: None)."""
    if path.suffix == ".csv":
        return [row[column] for row in _read(path)]
    values = pq.read_table(path, columns=[column]).column(column).to_pylist()
    return [(value.strip() or None) if value else None for value in values]


def test_each_file_holds_the_rows_of_its_day(whole_and_daily):
    _, daily, fmt = whole_and_daily
    for table in SPLIT_TABLES:
        dated = RULES[table]["timestamps"] + RULES[table]["dates"]
        parse = _timestamp if RULES[table]["timestamps"] else _date
        files = _files(daily, table, fmt)
        assert [p for p in (daily / table).iterdir() if p not in files] == []
        days = []
        for path in files:
            assert path.stat().st_size > 0, path
            if fmt == "csv":
                with open(path, encoding="utf-8") as handle:
                    header = handle.readline().rstrip("\n").split(",")
                assert header == CONTRACT_COLUMNS[table], path
            else:
                assert pq.read_schema(path).names == CONTRACT_COLUMNS[table], path
            values = _day_values(path, dated[0])
            assert values, path  # no empty file
            parsed = [parse(value) if value else None for value in values]
            if path.stem == "undated":
                assert all(value is None for value in parsed), path
            else:
                assert DAY_NAME.match(path.stem), path
                assert {value.date().isoformat() for value in parsed} == {path.stem}, (
                    path
                )
                days.append(path.stem)
        if table in ("message_events", "app_events", "web_events", "orders"):
            # every day of the period, the injected 1999 and 2100 rows on
            # their own day, the missing and unparseable ones undated
            assert (daily / table / f"undated.{fmt}").exists(), table
            assert {"2026-10-28", "2026-11-01"} <= set(days), table
            assert any(day < "2000" for day in days), table
            assert any(day >= "2100" for day in days), table


def test_row_days_read_timestamps_as_the_warehouse_does():
    from assist.generator.deliveries import day_name, row_days

    texts = {
        "2026-10-01T23:30:00-05:00": "2026-10-02",
        "2026-10-02T01:00:00+09:00": "2026-10-01",
        " 2026-10-01 ": "2026-10-01",
        "2026-10-01 23:59:59Z": "2026-10-01",
        "2026-10-01T12:00": "2026-10-01",
        "1999-12-31T23:59:59": "1999-12-31",
        "not-a-date": "undated",
        "2026/10/01 10:00": "undated",
        "2026-02-30T00:00:00": "undated",
        "   ": "undated",
        None: "undated",
    }
    days = row_days(pa.array(list(texts)), "timestamp")
    assert [day_name(day) for day in days.tolist()] == list(texts.values())
    dates = {"2026-10-01": "2026-10-01", "2026-13-45": "undated",
             "2026-10-01T00:00:00": "undated", None: "undated"}  # fmt: skip
    days = row_days(pa.array(list(dates)), "date")
    assert [day_name(day) for day in days.tolist()] == list(dates.values())


def test_the_timestamp_shape_is_the_warehouse_one():
    from assist.generator.deliveries import ISO_TIMESTAMP_PATTERN
    from assist.project import project_dir

    macro = project_dir() / "macros" / "cross_db" / "iso_timestamp_pattern.sql"
    lines = [line.strip() for line in macro.read_text().splitlines()]
    assert ISO_TIMESTAMP_PATTERN in lines


def test_split_by_day_same_seed_same_bytes(tmp_path: Path):
    def digest(folder: Path) -> dict[str, str]:
        return {
            str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }

    for name in "ab":
        generate(
            tmp_path / name, persons=200, days=3, seed=9, fmt="parquet", split_by="day"
        )
    first = digest(tmp_path / "a")
    assert len(first) > 3 * len(SPLIT_TABLES)
    assert first == digest(tmp_path / "b")


def test_a_split_table_without_rows_is_a_header_only_file():
    from assist.generator.deliveries import day_parts

    empty = pa.table({name: pa.array([], pa.string())
                      for name in CONTRACT_COLUMNS["orders"]})  # fmt: skip
    parts = list(day_parts("orders", empty, np.zeros(0, np.int64)))
    assert [(name, part.num_rows) for name, part, _ in parts] == [("undated", 0)]


def test_cli_splits_by_day_and_back(tmp_path: Path):
    from assist.cli import main

    out = tmp_path / "data"
    command = ["generate", "--out", str(out), "--persons", "40", "--days", "3"]
    assert main([*command, "--format", "parquet", "--split-by", "day"]) == 0
    assert {path.name for path in out.iterdir()} == {
        *SPLIT_TABLES,
        "campaigns.parquet",
        "generator_manifest.json",
    }
    for table in SPLIT_TABLES:
        assert list((out / table).glob("*.parquet")), table
    manifest = json.loads((out / "generator_manifest.json").read_text())
    assert manifest["arguments"]["split_by"] == "day"
    # One file per table again, in CSV: the folders go.
    assert main(command) == 0
    assert {path.name for path in out.iterdir()} == {
        *(f"{table}.csv" for table in TABLES),
        "generator_manifest.json",
    }
    # Split again over it: the single files of the split tables go.
    assert main([*command, "--split-by", "day"]) == 0
    assert sorted(path.name for path in out.glob("*.csv")) == ["campaigns.csv"]


# --- the manifest tells exactly what the warehouse must quarantine ------------


APPLICABLE = {
    "message_events": {"missing_required", "unparseable", "unknown_enum",
                       "timestamp_out_of_range", "no_identifier"},
    "app_events": {"missing_required", "unparseable", "timestamp_out_of_range",
                   "negative_revenue", "unknown_currency"},
    "orders": set(BAD_ROW_REASONS),
    "identity_links": {"missing_required", "unparseable", "unknown_enum",
                       "timestamp_out_of_range"},
    "consents": {"missing_required", "unparseable", "unknown_enum",
                 "timestamp_out_of_range"},
    "campaigns": {"missing_required", "unparseable", "timestamp_out_of_range"},
    "holdout_assignments": {"missing_required", "unparseable", "unknown_enum",
                            "timestamp_out_of_range"},
    "costs": {"missing_required", "unparseable", "unknown_enum",
              "timestamp_out_of_range", "unknown_currency"},
    "fx_rates": {"missing_required", "unparseable", "timestamp_out_of_range"},
}  # fmt: skip
APPLICABLE["web_events"] = APPLICABLE["app_events"]


def test_every_applicable_reason_is_injected(manifest: dict):
    for table, reasons in APPLICABLE.items():
        bad = manifest["tables"][table]["bad_rows"]
        assert set(bad) == set(BAD_ROW_REASONS)
        for reason in BAD_ROW_REASONS:
            if reason in reasons:
                assert bad[reason] >= 3, (table, reason)
            else:
                assert bad[reason] == 0, (table, reason)
        assert manifest["tables"][table]["duplicate_rows"] >= 2, table
    for table in ("message_events", "app_events", "web_events", "orders"):
        assert manifest["tables"][table]["conflicting_duplicate"] >= 3, table
        # about 1% of event rows (0.5% of orders) are exact copies
        copies = manifest["tables"][table]["duplicate_rows"]
        assert 0.002 < copies / manifest["rows"][table] < 0.02, table


def test_manifest_counts_follow_the_contract_rules(data: Path, manifest: dict):
    fx = {
        row["currency"].upper()
        for row in _read(data / "fx_rates.csv")
        if row["currency"] and row["rate_to_reporting"]
        and NUMBER.match(row["rate_to_reporting"]) and _date(row["rate_date"] or "")
    }  # fmt: skip
    assert fx == {"EUR", "KRW"}
    for table in TABLES:
        fates = _fates(data, table, fx)
        spec = manifest["tables"][table]
        expected = Counter(
            {reason: n for reason, n in spec["bad_rows"].items() if n}
            | {"duplicate": spec["duplicate_rows"], "staged": spec["staged_rows"]}
        )
        if spec["conflicting_duplicate"]:
            expected["conflicting_duplicate"] = spec["conflicting_duplicate"]
        assert fates == expected, table
        assert (
            spec["rows"]
            == spec["staged_rows"] + spec["duplicate_rows"] + spec["quarantined_rows"]
        )


# --- realism -------------------------------------------------------------------


def test_identifier_formats(data: Path):
    orders = _read(data / "orders.csv")
    hashes = {r["email_hash"] for r in orders if r["email_hash"]}
    assert hashes and all(re.fullmatch(r"[0-9a-fA-F]{64}", h) for h in hashes)
    assert any(h != h.lower() for h in hashes)  # some exported upper-case
    app = _read(data / "app_events.csv")
    assert all(re.fullmatch(r"u\d{7,}", r["user_id"]) for r in app if r["user_id"])
    assert all(re.fullmatch(r"d\d{8,}", r["device_id"]) for r in app if r["device_id"])
    web = _read(data / "web_events.csv")
    assert all(
        re.fullmatch(r"a\d{9,}", r["anonymous_id"]) for r in web if r["anonymous_id"]
    )


def test_shared_devices_have_four_or_more_users(data: Path, manifest: dict):
    users = defaultdict(set)
    for row in _read(data / "app_events.csv"):
        if row["user_id"] and row["device_id"]:
            users[row["device_id"]].add(row["user_id"])
    shared = {device for device, ids in users.items() if len(ids) >= 4}
    assert shared and shared <= set(manifest["shared_devices"])


def test_same_order_in_orders_app_and_web(data: Path):
    def order_ids(table: str) -> set[str]:
        return {r["order_id"] for r in _read(data / f"{table}.csv") if r["order_id"]}

    in_all = order_ids("orders") & order_ids("app_events") & order_ids("web_events")
    assert in_all
    statuses = Counter((r["status"] or "").lower() for r in _read(data / "orders.csv"))
    assert statuses["refunded"] > 0 and statuses["cancelled"] > 0
    channels = Counter(
        (r["sales_channel"] or "").lower() for r in _read(data / "orders.csv")
    )
    assert all(channels[c] > 0 for c in ("app", "web", "store", "call_center"))
    purchases = [
        r for r in _read(data / "web_events.csv") if r["event_name"] == "purchase"
    ]
    assert any(r["order_id"] is None for r in purchases)  # events without order_id


def test_push_opens_open_the_app(data: Path):
    opens = {
        r["message_id"]
        for r in _read(data / "message_events.csv")
        if (r["channel"] or "").lower() == "app_push"
        and (r["event_type"] or "").lower() == "open"
    }
    from_push = [r["push_message_id"] for r in _read(data / "app_events.csv")]
    from_push = [message for message in from_push if message]
    # ~1.5% of message rows lack message_id, opens included.
    matched = sum(message in opens for message in from_push)
    assert from_push and matched >= 0.9 * len(from_push)


def test_message_landing_visits_and_traffic_sources(data: Path):
    web = _read(data / "web_events.csv")
    pairs = {(r["utm_source"], r["utm_medium"]) for r in web}
    assert ("newsletter", "email") in pairs
    mediums = {medium for _, medium in pairs}
    assert {"web_push", "cpc", "display", "affiliate"} <= mediums
    assert mediums & {"push", "mobile_push", "notification"}
    referrers = {r["referrer_url"] for r in web if r["referrer_url"]}
    for host in (
        "google",
        "facebook",
        "youtube",
        "amazon",
        "checkout.shop.example.com",
    ):
        assert any(host in url for url in referrers), host
    assert any("cross-network" in (r["utm_campaign"] or "") for r in web)
    names = Counter(r["event_name"] for r in web)
    names.update(r["event_name"] for r in _read(data / "app_events.csv"))
    for event in ("sign_up", "subscribe", "coupon_issued", "purchase", "login"):
        assert names[event] > 0, event


def test_anonymous_visitors_log_in_later(data: Path):
    by_cookie = defaultdict(list)
    for row in _read(data / "web_events.csv"):
        at = _timestamp(row["event_at"] or "")
        if at and row["anonymous_id"]:
            by_cookie[row["anonymous_id"]].append((at, row["user_id"]))
    later_known = 0
    for events in by_cookie.values():
        events.sort()
        users = [user for _, user in events]
        if users[0] is None and any(users):
            later_known += 1
    assert later_known > 0


def test_currencies_and_rates(data: Path, manifest: dict):
    orders = _read(data / "orders.csv")
    currencies = Counter((r["currency"] or "").upper() for r in orders)
    assert currencies["EUR"] > 0 and currencies["KRW"] > 0 and currencies[""] > 0
    assert any(r["currency"] == "usd" for r in orders + _read(data / "app_events.csv"))
    rates = defaultdict(set)
    for row in _read(data / "fx_rates.csv"):
        when = _date(row["rate_date"] or "")
        if when and row["currency"] and row["rate_to_reporting"]:
            rates[row["currency"].upper()].add(when.date())
    start = date.fromisoformat(manifest["period"]["start"][:10])
    for currency in ("EUR", "KRW"):
        assert min(rates[currency]) < start
        assert max(rates[currency]) >= DEFAULT_END_DATE - timedelta(days=3)


def test_mixed_case_values_and_offsets(data: Path):
    rows = _read(data / "message_events.csv")
    channels = {r["channel"] for r in rows if r["channel"]}
    assert any(c != c.lower() for c in channels)
    with open(data / "message_events.csv", encoding="utf-8") as handle:
        text = handle.read()
    assert re.search(r",\s\w+\s,", text)  # padded values
    stamps = [r["event_at"] or "" for r in rows]
    assert any(s.endswith("Z") for s in stamps)
    assert any(re.search(r"[+-]\d\d:\d\d$", s) for s in stamps)


def test_holdout_control_users_get_no_message(data: Path, manifest: dict):
    assignments = _read(data / "holdout_assignments.csv")
    assert set(manifest["holdout"]) >= {"cmp-apush-001", "cmp-apush-002"}
    for campaign, truth in manifest["holdout"].items():
        groups = Counter(
            (r["assignment"] or "").lower()
            for r in assignments
            if r["campaign_id"] == campaign
        )
        assert groups["treatment"] >= truth["treatment_users"]
        assert groups["control"] >= truth["control_users"] > 0
        control = {
            r["user_id"]
            for r in assignments
            if r["campaign_id"] == campaign
            and (r["assignment"] or "").lower() == "control"
        }
        sent = {
            r["user_id"]
            for r in _read(data / "message_events.csv")
            if r["campaign_id"] == campaign and r["user_id"]
        }
        assert sent and not control & sent
        assert 0 <= truth["control_rate"] <= 1 and 0 <= truth["treatment_rate"] <= 1


def test_campaigns_cover_every_message_campaign(data: Path):
    listed = {r["campaign_id"] for r in _read(data / "campaigns.csv")}
    used = {r["campaign_id"] for r in _read(data / "message_events.csv")}
    used.discard(None)
    assert used <= listed
    tracking = Counter(
        r["purchase_conversion_tracking"] for r in _read(data / "campaigns.csv")
    )
    assert tracking["true"] and tracking["false"] and tracking[None]
    events = {r["conversion_events"] for r in _read(data / "campaigns.csv")}
    assert "coupon_issued|sign_up" in events


def test_consents_include_withdrawals(data: Path):
    history = defaultdict(list)
    for row in _read(data / "consents.csv"):
        at = _timestamp(row["updated_at"] or "")
        if at and row["id"] and (row["purpose"] or "").lower() == "analytics":
            history[row["id"]].append((at, (row["granted"] or "").lower()))
    withdrawn = sum(
        1 for records in history.values()
        if [g for _, g in sorted(records)][-2:] == ["true", "false"]
    )  # fmt: skip
    assert withdrawn > 0
