"""Incremental builds equal full refreshes, table for table, on folders of
deliveries.

A generated data set, one file per table per day, is delivered to one data
directory in three batches, as an orchestrator's daily runs find it:

1. the first half of the days (every fifth row of one day's message and app
   events held back);
2. the next day's files, and in files of their own: the held-back rows (a
   late file, older than the last build), one message event re-delivered
   identically (a duplicate) and one with other content and an earlier time
   (it becomes the kept row, the old one a conflicting duplicate), an
   identity link merging two persons who both converted, and a refund row
   of an earlier order;
3. the other days' files, an orders file of batch 1 edited in place (a
   completed order refunded: a file changed after being read, which the
   build reads again) and a shorter click lookback for purchases (a
   changed setting).

After each batch the warehouse built incrementally on one database must
equal a --full-refresh build of the same files on a fresh one: every model,
every row (floats within 1e-9), except the build that loaded each raw row.
The incremental builds read only what is new: the base models' rows of
untouched files keep the build that loaded them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from assist.generator import generate
from assist.parity import compare_tables, models_of, read_duckdb_tables, without_columns
from conftest import (
    EXCLUDE_UNIT_TESTS,
    PROJECT_DIR,
    build_area,
    build_at_shared_path,
    query,
)

# Models whose rows differ by design between the two builds: the persons an
# incremental build recomputes are the changed ones, a full build all.
RUN_SPECIFIC_MODELS = {"int_persons_changed"}
# The build that decided a raw row's fate last, that stitched a row, that
# resolved an identifier's person.
RUN_SPECIFIC_COLUMNS = ("loaded_in_run", "loaded_at", "stitched_at", "resolved_at")
HELD_BACK_TABLES = ("message_events", "app_events")


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _write(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)


def _day_files(source: Path) -> list[str]:
    """The days of the message events' deliveries (YYYY-MM-DD), in order
    (without the injected out-of-range days)."""
    return sorted(
        path.stem
        for path in (source / "message_events").glob("*.csv")
        if "2000" <= path.stem < "2099"
    )


def _first_batch(source: Path, data: Path, last_day: str) -> str:
    """Copies every file up to last_day (and the undated ones, and the
    whole tables) into data; holds back every fifth row of one day's
    message and app events in source/held_back/. Returns that day."""
    shutil.copytree(
        source,
        data,
        ignore=lambda folder, names: [
            name
            for name in names
            if name.endswith(".csv")
            and name[:1].isdigit()
            and name[:10] > last_day
            or name == "generator_manifest.json"
        ],
    )
    late_day = _day_files(source)[1]
    for table in HELD_BACK_TABLES:
        path = data / table / f"{late_day}.csv"
        frame = _read(path)
        held = frame.index % 5 == 2
        _write(frame[~held], path)
        _write(frame[held], source / "held_back" / f"{table}.csv")
    return late_day


def _deliver_days(
    source: Path, data: Path, after: str, up_to: str, skip: tuple[str, ...] = ()
) -> None:
    """Copies the dated files of the days in (after, up_to] that data does
    not have yet, but those of the tables in `skip`."""
    for path in source.glob("*/*.csv"):
        delivered = data / path.parent.name / path.name
        if (
            path.stem[:1].isdigit()
            and after < path.stem[:10] <= up_to
            and path.parent.name not in skip
            and not delivered.exists()
        ):
            shutil.copy(path, delivered)


def _second_batch(source: Path, data: Path, db: Path, last_day: str) -> None:
    for table in HELD_BACK_TABLES:
        late = _read(source / "held_back" / f"{table}.csv")
        _write(late, data / table / "late_delivery.csv")

    # a staged message event re-delivered as it was, and another with other
    # content and an earlier time
    staged = query(
        db,
        "select event_id from staging.base_raw__message_events "
        "where row_status = 'staged' and raw_row is null "
        "and source_file like '%/message_events/2%' order by event_id limit 2",
    )
    events = pd.concat(
        _read(path) for path in sorted((data / "message_events").glob("2*.csv"))
    )
    identical = events[events["event_id"] == staged[0][0]].iloc[[0]].copy()
    changed = events[events["event_id"] == staged[1][0]].iloc[[0]].copy()
    changed["event_at"] = (
        pd.to_datetime(changed["event_at"], utc=True, format="mixed")
        - pd.Timedelta(minutes=5)
    ).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    changed["platform"] = "web" if changed["platform"].iloc[0] != "web" else "ios"
    _write(pd.concat([identical, changed]), data / "message_events" / "redelivery.csv")

    # an identity link merging two users who both placed completed orders
    buyers = query(
        db,
        "select min(user_id), max(user_id) from ("
        "select distinct user_id from staging.stg_raw__orders "
        "where status = 'completed' and user_id is not null "
        "order by user_id limit 2)",
    )[0]
    links = _read(next((data / "identity_links").glob("*.csv")))
    link = dict.fromkeys(links.columns, "")
    link.update(
        id_type_a="user_id", id_a=buyers[0], id_type_b="user_id", id_b=buyers[1]
    )
    _write(pd.DataFrame([link]), data / "identity_links" / "merge.csv")

    # a refund row of an earlier order, delivered later
    orders = pd.concat(_read(path) for path in sorted((data / "orders").glob("2*.csv")))
    completed = orders[orders["status"] == "completed"]
    refund = completed.iloc[[-1]].copy()
    refund["status"] = "refunded"
    _write(refund, data / "orders" / "refunds.csv")
    (data.parent / "merged_users.txt").write_text(f"{buyers[0]}\n{buyers[1]}")


def _third_batch(data: Path) -> str:
    """Refunds a completed order in place in the first orders file; shortens
    the click lookback of purchases. Returns the refunded order_id."""
    first = sorted((data / "orders").glob("2*.csv"))[0]
    orders = _read(first)
    completed = orders.index[orders["status"] == "completed"][0]
    orders.loc[completed, "status"] = "refunded"
    _write(orders, first)
    (data / "config").mkdir(exist_ok=True)
    types = _read(PROJECT_DIR / "seeds" / "conversion_types.csv")
    types.loc[types["conversion_type"] == "purchase", "click_lookback_days"] = "3"
    _write(types, data / "config" / "conversion_types.csv")
    return str(orders.loc[completed, "order_id"])


def _tables(db: Path, manifest: Path) -> dict:
    models = {
        name: model
        for name, model in models_of(manifest).items()
        if name not in RUN_SPECIFIC_MODELS
    }
    return {
        name: without_columns(table, RUN_SPECIFIC_COLUMNS)
        for name, table in read_duckdb_tables(db, models).items()
    }


def _loaded_in_runs(db: Path) -> dict[str, int]:
    rows = query(
        db,
        "select loaded_in_run, count(*) from staging.base_raw__message_events "
        "group by 1",
    )
    return dict(rows)


def _plant_untested_null(db: Path) -> str:
    """Sets loaded_in_run to null (a not_null column, left out of the
    comparison) on a staged message event of the first day that the next
    build does not decide again. Returns its event_id."""
    connection = duckdb.connect(str(db))
    try:
        (event_id,) = connection.execute(
            "select event_id from staging.base_raw__message_events "
            "where row_status = 'staged' and raw_row is null "
            "and source_file like '%/message_events/2%' "
            "order by source_file, event_id desc limit 1"
        ).fetchone()
        connection.execute(
            "update staging.base_raw__message_events set loaded_in_run = null "
            "where event_id = ?",
            [event_id],
        )
    finally:
        connection.close()
    return event_id


def _assert_tests_read_only_written_rows(db: Path, planted: str) -> None:
    """The incremental build passed although a row it did not write breaks
    not_null_columns: its row-local tests read only the rows it wrote (a
    full build tests every row). The row is mended for what follows."""
    connection = duckdb.connect(str(db))
    try:
        still_null = connection.execute(
            "select count(*) from staging.base_raw__message_events "
            "where event_id = ? and loaded_in_run is null",
            [planted],
        ).fetchone()
        assert still_null == (1,), "the planted row was decided again"
        connection.execute(
            "update staging.base_raw__message_events set loaded_in_run = 'mended' "
            "where event_id = ?",
            [planted],
        )
    finally:
        connection.close()


def _assert_stitching_was_incremental(db: Path) -> None:
    """The build stitched again only some rows and resolved only some
    identifiers (those of the new files and of the merged persons)."""
    for table, column in (
        ("int_message_events_stitched", "stitched_at"),
        ("int_app_events_stitched", "stitched_at"),
        ("int_person_identifiers", "resolved_at"),
    ):
        latest, everything = query(
            db,
            f"select count(*) filter (where {column} = (select max({column}) "
            f"from intermediate.{table})), count(*) from intermediate.{table}",
        )[0]
        assert 0 < latest < everything, (table, latest, everything)


def _dbt_log() -> str:
    return (build_area() / "dbt_logs" / "dbt.log").read_text(errors="replace")


def test_incremental_builds_equal_full_refreshes(tmp_path: Path) -> None:
    source = tmp_path / "generated"
    generate(source, persons=150, days=8, seed=17, split_by="day")
    days = _day_files(source)
    first_last_day = days[len(days) // 2]
    data = tmp_path / "exports"
    _first_batch(source, data, first_last_day)
    incremental_db = tmp_path / "incremental.duckdb"
    manifest = build_area() / "dbt_target" / "manifest.json"
    refunded_order = ""

    second_last_day = days[len(days) // 2 + 1]
    for number in (1, 2, 3):
        if number == 2:
            # fx rates change every person's revenue: they come with batch 3
            _deliver_days(
                source, data, first_last_day, second_last_day, skip=("fx_rates",)
            )
            _second_batch(source, data, incremental_db, first_last_day)
        if number == 3:
            _deliver_days(source, data, first_last_day, "9999")
            refunded_order = _third_batch(data)
        runs_before = _loaded_in_runs(incremental_db) if number > 1 else {}
        if number == 2:
            planted = _plant_untested_null(incremental_db)
        built = build_at_shared_path(
            incremental_db, ["--data", str(data), "--selector", "daily"]
        )
        assert built == 0, f"incremental build of batch {number} failed"
        changed = query(
            incremental_db, "select count(*) from intermediate.int_persons_changed"
        )[0][0]
        persons = query(incremental_db, "select count(*) from marts.dim_persons")[0][0]
        if number == 1:
            continue
        runs_after = _loaded_in_runs(incremental_db)
        if number == 2:
            # only some persons are recomputed, and the rows of the files
            # already read keep the build that loaded them, but for the
            # keys the new files touch
            assert 0 < changed < persons, (changed, persons)
            (first_run,) = runs_before
            assert 0 < runs_after[first_run] < runs_before[first_run]
            statuses = query(
                incremental_db,
                "select row_status, quarantine_reason, count(*) "
                "from staging.base_raw__message_events "
                "where source_file like '%redelivery.csv' group by all order by 1",
            )
            assert statuses == [
                ("duplicate", None, 1),
                ("staged", None, 1),
            ], statuses
            merged = (data.parent / "merged_users.txt").read_text().split()
            persons_of_buyers = query(
                incremental_db,
                "select count(distinct person_id) from marts.dim_person_identifiers "
                "where identifier_type = 'user_id' "
                f"and identifier in ('{merged[0]}', '{merged[1]}')",
            )
            assert persons_of_buyers == [(1,)]
            _assert_tests_read_only_written_rows(incremental_db, planted)
            _assert_stitching_was_incremental(incremental_db)
        if number == 3:
            # a changed setting recomputes everyone; the edited file is read
            # again (and said so), so its refund applies
            assert changed >= persons
            assert "changed since it was read: its rows are read again" in _dbt_log()
            converted = query(
                incremental_db,
                "select count(*) from marts.fct_conversions "
                f"where order_id = '{refunded_order}'",
            )
            assert converted == [(0,)]
        incremental = _tables(incremental_db, manifest)

        full_db = tmp_path / f"full_{number}.duckdb"
        # The reference: models only. Its data tests would check the same
        # rows the incremental build's data tests just checked.
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(EXCLUDE_UNIT_TESTS, "unit_test test")
            rebuilt = build_at_shared_path(
                full_db, ["--data", str(data), "--full-refresh"]
            )
        assert rebuilt == 0, f"full refresh of batch {number} failed"
        full = _tables(full_db, manifest)

        assert set(incremental) == set(full)
        problems = {
            name: compare_tables(full[name], incremental[name]) for name in sorted(full)
        }
        problems = {name: found for name, found in problems.items() if found}
        assert not problems, (
            f"batch {number}: incremental differs from full: {problems}"
        )
