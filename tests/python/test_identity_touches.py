"""Identity graph and touches, end to end on the domain documents' stories.

Each scenario folder `tests/scenarios/touches_*` holds raw files (`data/`) of
one story of the domain documents, a README telling it, an optional
`vars.json` of settings for its build, and the outputs checked by hand:
`expected_person_identifiers.csv` (every identifier with its person) and
`expected_touchpoints.csv` (every touch of `fct_touchpoints`, in order).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from assist import dbt_invoke
from assist.validate import inspect_data_dir
from conftest import SCENARIOS, build_scenario, expected_rows, query

SCENARIO_NAMES = sorted(
    path.name for path in SCENARIOS.glob("touches_*") if path.is_dir()
)


@pytest.fixture(scope="module", params=SCENARIO_NAMES)
def built_scenario(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """One build per scenario (with its vars.json), shared by the checks."""
    name: str = request.param
    return name, build_scenario(name, tmp_path_factory.mktemp(name))


def test_person_groupings_match_the_scenario(built_scenario):
    name, db = built_scenario
    actual = sorted(
        query(
            db,
            "select identifier_type, identifier, person_id, is_shared"
            " from marts.dim_person_identifiers",
        )
    )
    expected = sorted(
        (
            row["identifier_type"],
            row["identifier"],
            row["person_id"],
            row["is_shared"] == "true",
        )
        for row in expected_rows(name, "expected_person_identifiers.csv")
    )
    assert actual == expected


def test_touch_sequences_match_the_scenario(built_scenario):
    name, db = built_scenario
    actual = sorted(
        query(
            db,
            "select person_id, touch_sequence, touch_id,"
            " strftime(touch_at, '%Y-%m-%d %H:%M:%S'), channel, touch_platform,"
            " interaction_type, coalesce(campaign_id, '')"
            " from marts.fct_touchpoints",
        )
    )
    expected = sorted(
        (
            row["person_id"],
            int(row["touch_sequence"]),
            row["touch_id"],
            row["touch_at"],
            row["channel"],
            row["touch_platform"],
            row["interaction_type"],
            row["campaign_id"],
        )
        for row in expected_rows(name, "expected_touchpoints.csv")
    )
    assert actual == expected


def test_every_staged_row_has_a_person_of_the_graph(built_scenario):
    _, db = built_scenario
    for table, key in [
        ("message_events", "event_id"),
        ("app_events", "event_id"),
        ("web_events", "event_id"),
        ("orders", "order_id"),
    ]:
        rows = query(
            db,
            f"select count(*), count(stitched.person_id),"
            f" count(persons.person_id)"
            f" from staging.stg_raw__{table} as staged"
            f" left join intermediate.int_{table}_stitched as stitched"
            f" using ({key})"
            f" left join marts.dim_persons as persons"
            f" on stitched.person_id = persons.person_id",
        )
        total, stitched, known = rows[0]
        assert total == stitched == known, table


def test_dim_persons_agrees_with_the_identifiers(built_scenario):
    _, db = built_scenario
    disagreeing = query(
        db,
        "select persons.person_id from marts.dim_persons as persons"
        " left join (select person_id, count(*) as identifiers,"
        " max(case when identifier_type = 'user_id' then 1 else 0 end) as known"
        " from marts.dim_person_identifiers group by person_id) as counted"
        " on persons.person_id = counted.person_id"
        " where counted.identifiers is distinct from persons.identifier_count"
        " or (counted.known = 1) <> persons.is_known",
    )
    assert disagreeing == []


def test_unconsented_touches_stay_in_the_intermediate(built_scenario):
    """Touchpoints are exactly the consented persons' touches of
    int_touches_stitched; in the media story ms_x4 withdrew analytics consent,
    so its tablet session is only in the intermediate, and the others'
    marketing-only records change nothing."""
    name, db = built_scenario
    marts = set(query(db, "select touch_id from marts.fct_touchpoints"))
    consented = set(
        query(
            db,
            "select touch_id from intermediate.int_touches_stitched where is_consented",
        )
    )
    assert marts == consented
    if name != "touches_media_subscription":
        return
    assert query(
        db,
        "select touch_id, is_consented from intermediate.int_touches_stitched"
        " where person_id = 'user_id:ms_x4'",
    ) == [("app:ms_t3", False)]
    consents = dict(query(db, "select person_id, is_consented from marts.dim_persons"))
    assert consents == {
        "user_id:ms_u1": True,
        "user_id:ms_x2": True,
        "user_id:ms_x3": True,
        "user_id:ms_x4": False,
        "device_id:ms_tab": True,
    }


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_a_10000_link_chain_is_one_person_in_few_rounds(tmp_path: Path):
    """Connected components need no recursion and no round per link: a chain
    of 10 000 identity links (identifiers in scrambled order along it) plus
    an app row is one person, found in O(log n) contraction rounds."""
    links = 10_000
    data = tmp_path / "data"
    data.mkdir()
    # scrambled order: consecutive chain members are far apart in value order
    chain = [f"a{(index * 7919) % (links + 1):05d}" for index in range(links + 1)]
    _write_csv(
        data / "identity_links.csv",
        ["id_type_a", "id_a", "id_type_b", "id_b", "linked_at", "source"],
        [
            ["anonymous_id", left, "anonymous_id", right, "", "test"]
            for left, right in zip(chain, chain[1:], strict=False)
        ]
        + [["user_id", "u_end", "anonymous_id", chain[-1], "", "test"]],
    )
    _write_csv(
        data / "app_events.csv",
        ["event_id", "event_at", "event_name", "device_id", "user_id"],
        [["e1", "2026-10-01T10:00:00", "app_open", "d1", "u_end"]],
    )
    for table, header in [
        ("message_events", ["event_id", "event_at", "channel", "event_type"]),
        ("web_events", ["event_id", "event_at", "event_name", "anonymous_id"]),
        ("orders", ["order_id", "ordered_at", "sales_channel", "revenue", "status"]),
    ]:
        _write_csv(data / f"{table}.csv", header, [])

    logs = tmp_path / "dbt_logs"
    db = tmp_path / "assist.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(tmp_path / "dbt_target"))
        patch.setenv("DBT_LOG_PATH", str(logs))
        found = inspect_data_dir(str(data))
        run = dbt_invoke.invoke(
            [
                "run",
                "--select",
                "+int_person_identifiers",
                "--vars",
                json.dumps(found.dbt_vars()),
            ],
            db_path=db,
            show_progress=False,
        )
    assert run.exit_code == 0, run.error

    persons = query(
        db,
        "select person_id, count(*) from intermediate.int_person_identifiers"
        " group by person_id",
    )
    assert persons == [("user_id:u_end", links + 3)]
    log = (logs / "dbt.log").read_text(encoding="utf-8")
    rounds = [int(n) for n in re.findall(r"after (\d+) contraction rounds", log)]
    assert rounds and rounds[-1] <= 40
    leftovers = query(
        db,
        "select table_name from information_schema.tables"
        " where table_name like 'int_person_identifiers\\_\\_%' escape '\\'",
    )
    assert leftovers == []
