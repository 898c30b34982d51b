"""A generated data set with every kind of bad row: each one is quarantined
with its reason, duplicates are dropped once, and the counts reconcile
exactly with what the generator says it injected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from assist.generator import generate
from conftest import query


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    data = tmp_path_factory.mktemp("generated") / "data"
    generate(data, persons=2000, days=30, seed=11)
    manifest = json.loads((data / "generator_manifest.json").read_text())
    return data, manifest


def test_every_injected_bad_row_is_quarantined_and_counts_reconcile(
    generated: tuple[Path, dict], tmp_path: Path, run_assist
):
    data, manifest = generated
    db = tmp_path / "assist.duckdb"
    outcome = run_assist("build", "--data", str(data), "--db", str(db))
    assert outcome.exit_code == 0, outcome.err

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


def test_every_quarantine_reason_occurs(generated: tuple[Path, dict]):
    _, manifest = generated
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
