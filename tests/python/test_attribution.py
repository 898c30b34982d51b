"""Conversions, attribution credits and assists, end to end on scenarios.

Each scenario folder `tests/scenarios/attribution_*` holds raw files (`data/`)
of one story of the domain documents and the outputs checked by hand:
`expected_conversions.csv`, `expected_credits.csv` (every model, every path
position) and `expected_assists.csv`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import (
    SCENARIOS,
    build_at_shared_path,
    build_scenario,
    copy_scenario,
    expected_rows,
    query,
)

SCENARIO_NAMES = sorted(
    path.name for path in SCENARIOS.glob("attribution_*") if path.is_dir()
)
TOLERANCE = 1e-9


def _build(data: Path, db: Path, dbt_vars: dict | None = None) -> int:
    argv = ["--data", str(data)]
    if dbt_vars:
        argv += ["--vars", json.dumps(dbt_vars)]
    return build_at_shared_path(db, argv)


@pytest.fixture(scope="module", params=SCENARIO_NAMES)
def built_scenario(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """One build per scenario, shared by the checks of this module."""
    name: str = request.param
    return name, build_scenario(name, tmp_path_factory.mktemp(name))


def test_conversions_match_the_scenario(built_scenario):
    name, db = built_scenario
    actual = {
        row[0]: row[1:]
        for row in query(
            db,
            "select conversion_id, person_id, conversion_type,"
            " strftime(converted_at, '%Y-%m-%d %H:%M:%S'), conversion_platform,"
            " revenue, coalesce(order_id, ''), coalesce(source_event_id, ''),"
            " is_consented, eligible_touch_count from marts.fct_conversions",
        )
    }
    expected = expected_rows(name, "expected_conversions.csv")
    assert sorted(actual) == sorted(row["conversion_id"] for row in expected)
    for row in expected:
        person, kind, at, platform, revenue, order, event, consented, touches = actual[
            row["conversion_id"]
        ]
        assert (person, kind, at, platform, order, event) == (
            row["person_id"],
            row["conversion_type"],
            row["converted_at"],
            row["conversion_platform"],
            row["order_id"],
            row["source_event_id"],
        ), row["conversion_id"]
        assert revenue == pytest.approx(float(row["revenue"]), abs=TOLERANCE)
        assert consented == (row["is_consented"] == "true")
        assert touches == int(row["eligible_touch_count"])


def test_credits_match_the_scenario_for_every_model(built_scenario):
    """Every rule-based model, every path position (the data-driven models
    depend on all journeys, so scenario files do not fix their credits)."""
    name, db = built_scenario
    expected = expected_rows(name, "expected_credits.csv")
    models = sorted({row["model"] for row in expected})
    actual = {
        (conversion, model, position): (touch, channel, credit, credited, revenue)
        for conversion, model, position, touch, channel, credit, credited, revenue in (
            query(
                db,
                "select conversion_id, model, coalesce(touch_position, 0),"
                " coalesce(touch_id, ''), channel, credit, credited_revenue,"
                " revenue from marts.fct_attribution_credits"
                f" where model in ({', '.join(repr(model) for model in models)})",
            )
        )
    }
    keys = {
        (row["conversion_id"], row["model"], int(row["touch_position"] or 0))
        for row in expected
    }
    assert set(actual) == keys
    for row in expected:
        key = (row["conversion_id"], row["model"], int(row["touch_position"] or 0))
        touch, channel, credit, credited, revenue = actual[key]
        assert (touch, channel) == (row["touch_id"], row["channel"]), key
        assert credit == pytest.approx(float(row["credit"]), abs=TOLERANCE), key
        assert credited == pytest.approx(credit * revenue, abs=TOLERANCE), key


def test_assists_match_the_scenario(built_scenario):
    name, db = built_scenario
    actual = sorted(
        query(
            db,
            "select conversion_id, channel, assist_touch_count, is_click_assisted,"
            " assist_kind, is_also_last_touch from marts.fct_assisted_conversions",
        )
    )
    expected = sorted(
        (
            row["conversion_id"],
            row["channel"],
            int(row["assist_touch_count"]),
            row["is_click_assisted"] == "true",
            row["assist_kind"],
            row["is_also_last_touch"] == "true",
        )
        for row in expected_rows(name, "expected_assists.csv")
    )
    assert actual == expected


def test_models_to_build_come_from_the_setting(tmp_path: Path):
    data = copy_scenario("attribution_loyalty_wishlist", tmp_path)
    db = tmp_path / "assist.duckdb"
    assert _build(data, db, {"attribution_models": ["linear", "last_touch"]}) == 0
    models = query(
        db,
        "select model, count(*), sum(credit) from marts.fct_attribution_credits"
        " group by model order by model",
    )
    assert [(model, rows) for model, rows, _ in models] == [
        ("last_touch", 4),
        ("linear", 4),
    ]
    assert all(total == pytest.approx(2.0) for _, _, total in models)


def test_reset_at_conversion_off_lets_paths_overlap(tmp_path: Path):
    data = copy_scenario("attribution_loyalty_wishlist", tmp_path)
    db = tmp_path / "assist.duckdb"
    assert _build(data, db, {"reset_at_conversion": False}) == 0
    paths = dict(
        query(
            db,
            "select conversion_id, eligible_touch_count from marts.fct_conversions",
        )
    )
    # o201 now also sees the touches before o200 (the app visit, the search).
    assert paths == {"order:o200": 2, "order:o201": 4}


def test_unknown_model_fails_naming_it_and_the_known_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    data = copy_scenario("attribution_content_notification", tmp_path)
    db = tmp_path / "assist.duckdb"
    code = _build(data, db, {"attribution_models": ["linear", "u_shaped"]})
    output = "".join(capsys.readouterr())
    assert code != 0
    assert "Unknown attribution model 'u_shaped'" in output
    assert "position_based" in output and "time_decay" in output
