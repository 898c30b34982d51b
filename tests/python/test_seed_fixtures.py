"""The unit-test fixtures that copy a seed must stay equal to that seed.

dbt unit tests take their inputs from fixtures, never from the warehouse, so
the channel rules and source categories the classification tests run against
are copies of the seeds in tests/fixtures/. This keeps the copies honest.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
SEEDS = PROJECT_DIR / "seeds"
FIXTURES = PROJECT_DIR / "tests" / "fixtures"
SEED_COPIES = ("channel_rules", "source_categories")


def read_rows(path: Path) -> list[list[str]]:
    """The CSV's header and rows, as parsed (quoting and line ends ignored)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row]


@pytest.mark.parametrize("name", SEED_COPIES)
def test_fixture_equals_seed(name: str) -> None:
    seed = SEEDS / f"{name}.csv"
    fixture = FIXTURES / f"{name}.csv"
    assert fixture.is_file(), f"{fixture} is missing: copy {seed} there"
    assert read_rows(fixture) == read_rows(seed), (
        f"{fixture} differs from {seed}: copy the seed over the fixture "
        "(and check the unit tests that use it)"
    )
