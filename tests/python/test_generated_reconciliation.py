"""The CI build (shared_builds.generated_build): a generated data set with
every kind of bad row, built once with every data test and every dbt unit
test (the suite's one run of the unit tests on DuckDB). Each injected bad row is
quarantined with its reason, duplicates are dropped once, the counts
reconcile exactly with what the generator says it injected, and `assist
report` and `assist export` work on the result."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from assist import dbt_invoke
from conftest import query
from shared_builds import GeneratedBuild, generated_build


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> GeneratedBuild:
    return generated_build(tmp_path_factory)


def test_the_build_ran_every_unit_test(generated: GeneratedBuild):
    unit_tests = [
        r for r in generated.results if r["unique_id"].startswith("unit_test.")
    ]
    assert len(unit_tests) > 50
    assert {r["status"] for r in unit_tests} == {"pass"}


def test_every_injected_bad_row_is_quarantined_and_counts_reconcile(
    generated: GeneratedBuild,
):
    manifest, db = generated.manifest, generated.db
    reconciliation = {
        row[0]: row[1:]
        for row in query(
            db,
            "select source_table, raw_rows, staged_rows, duplicate_rows, "
            "quarantined_rows from marts.audit_reconciliation",
        )
    }
    reasons: dict[tuple[str, str], int] = {
        (table, reason): count
        for table, reason, count in query(
            db,
            "select source_table, reason, count(*) from marts.audit_quarantine "
            "group by source_table, reason",
        )
    }
    assert set(reconciliation) == set(manifest["tables"])
    for table, expected in manifest["tables"].items():
        raw, staged, duplicates, quarantined = reconciliation[table]
        assert raw == expected["rows"], table
        assert raw == staged + duplicates + quarantined, table
        assert duplicates == expected["duplicate_rows"], table
        assert quarantined == expected["quarantined_rows"], table
        assert staged == expected["staged_rows"], table
        injected = dict(expected["bad_rows"])
        injected["conflicting_duplicate"] = expected["conflicting_duplicate"]
        for reason, count in injected.items():
            assert reasons.get((table, reason), 0) == count, (table, reason)


def test_every_quarantine_reason_occurs(generated: GeneratedBuild):
    manifest = generated.manifest
    seen = {
        reason
        for table in manifest["tables"].values()
        for reason, count in table["bad_rows"].items()
        if count > 0
    }
    assert seen == {
        "missing_required",
        "unparseable",
        "unknown_enum",
        "timestamp_out_of_range",
        "negative_revenue",
        "unknown_currency",
        "no_identifier",
    }


def test_report_and_export_work_on_the_build(
    generated: GeneratedBuild, tmp_path: Path, run_assist
):
    report = tmp_path / "report.html"
    outcome = run_assist("report", "--db", str(generated.db), "--out", str(report))
    assert outcome.exit_code == 0, outcome.err
    assert report.stat().st_size > 10_000
    out = tmp_path / "export"
    outcome = run_assist(
        "export", "--format", "parquet", "--out", str(out), "--db", str(generated.db)
    )
    assert outcome.exit_code == 0, outcome.err
    assert (out / "fct_conversions.parquet").is_file()


def test_not_null_constraints_are_checked_column_by_column(
    generated: GeneratedBuild, tmp_path: Path, fresh_dbt_dirs: Path
):
    """A null in a column declared `constraints: [{type: not_null}]` fails
    its model's not_null_columns test, which names the column; a null in a
    column without the constraint fails nothing."""
    db = tmp_path / "nulls.duckdb"
    shutil.copy(generated.db, db)
    connection = duckdb.connect(str(db))
    try:
        connection.execute(
            "update intermediate.int_person_identifiers set person_id = null "
            "where identifier = (select min(identifier) "
            "from intermediate.int_person_identifiers)"
        )
        # linked_user_count may be null (it has no constraint)
        connection.execute(
            "update marts.dim_person_identifiers set linked_user_count = null"
        )
    finally:
        connection.close()
    run = dbt_invoke.invoke(
        [
            "test",
            "--select",
            "test_name:not_null_columns,int_person_identifiers "
            "test_name:not_null_columns,dim_person_identifiers",
        ],
        db_path=db,
        show_progress=False,
    )
    statuses = {
        node.name: node.status
        for node in run.nodes
        if node.name.startswith("not_null_columns")
    }
    assert statuses == {
        "not_null_columns_int_person_identifiers_": "fail",
        "not_null_columns_dim_person_identifiers_": "pass",
    }, statuses
    test_file = "not_null_columns_int_person_identifiers_.sql"
    compiled = next((fresh_dbt_dirs / "compiled").rglob(test_file))
    rows = query(db, f"select null_columns from ({compiled.read_text()})")
    assert rows == [("person_id",)]
