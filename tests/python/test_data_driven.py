"""The data-driven models (markov, shapley) against an independent computation.

A generated data set is built once through the runner. The journeys are
rebuilt in Python from the paths and touchpoints, and the removal effects,
Shapley values and per-touch credits are recomputed from the journeys read
back: the absorbing Markov chain with `numpy.linalg.solve`, Shapley values by
their subset formula with `itertools` and exact factorials. Nothing is shared
with the SQL but the journeys. The build runs with a small
`shapley_max_channels` so that paths longer than the cap occur. A second
build of the same data must give identical credits.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from conftest import build_at_shared_path, query

PERSONS = 3000
SEED = 5
MAX_CHANNELS = 4  # shapley_max_channels for these builds (default 12)
TOLERANCE = 1e-9

Journey = tuple[str, bool]  # (journey_id, is_converting)


def _build(data: Path, root: Path, name: str) -> Path:
    db = root / f"{name}.duckdb"
    argv = ["--data", str(data)]
    argv += ["--vars", json.dumps({"shapley_max_channels": MAX_CHANNELS})]
    code = build_at_shared_path(db, argv)
    assert code == 0, f"build {name} failed"
    return db


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from assist.generator import generate

    data = tmp_path_factory.mktemp("data_driven") / "data"
    generate(data, persons=PERSONS, seed=SEED)
    return data


@pytest.fixture(scope="module")
def built(data_dir: Path) -> Iterator[Path]:
    yield _build(data_dir, data_dir.parent, "first")


# --- independent reference implementation -----------------------------------


def collapse(channels: list[str]) -> list[str]:
    return [c for i, c in enumerate(channels) if i == 0 or channels[i - 1] != c]


def read_journeys(db: Path) -> dict[str, dict[Journey, list[str]]]:
    """conversion_type -> (journey_id, is_converting) -> collapsed channels."""
    journeys: dict[str, dict[Journey, list[str]]] = defaultdict(dict)
    rows = query(
        db,
        """
        select conversion_type, journey_id, is_converting, channel
        from intermediate.int_journey_steps
        order by journey_id, step_number
        """,
    )
    for conversion_type, journey_id, is_converting, channel in rows:
        key = (journey_id, bool(is_converting))
        journeys[conversion_type].setdefault(key, []).append(channel)
    return journeys


def markov_removal_effects(
    sequences: list[tuple[list[str], bool]],
) -> tuple[float, dict[str, float]]:
    """P(conversion) and removal effects of the first-order absorbing chain."""
    channels = sorted({c for sequence, _ in sequences for c in sequence})
    index = {c: i + 1 for i, c in enumerate(channels)}
    transient = len(channels) + 1  # start = 0
    counts = np.zeros((transient, transient + 2))  # + conversion, null
    for sequence, converts in sequences:
        state = 0
        for channel in sequence:
            counts[state, index[channel]] += 1
            state = index[channel]
        counts[state, transient if converts else transient + 1] += 1
    probabilities = counts / counts.sum(axis=1, keepdims=True)

    def p_conversion(removed: str | None = None) -> float:
        q = probabilities[:, :transient].copy()
        if removed is not None:
            q[:, index[removed]] = 0.0  # into the removed channel: null
        solved = np.linalg.solve(np.eye(transient) - q, probabilities[:, transient])
        return float(solved[0])

    base = p_conversion()
    effects = {c: (1 - p_conversion(c) / base) if base > 0 else 0.0 for c in channels}
    return base, effects


def shapley_values(
    worth: dict[frozenset[str], float], players: list[str]
) -> dict[str, float]:
    m = len(players)
    values = {}
    for player in players:
        others = [p for p in players if p != player]
        total = 0.0
        for size in range(m):
            weight = (
                math.factorial(size) * math.factorial(m - size - 1) / math.factorial(m)
            )
            for subset in itertools.combinations(others, size):
                coalition = frozenset(subset)
                total += weight * (
                    worth.get(coalition | {player}, 0.0) - worth.get(coalition, 0.0)
                )
        values[player] = total
    return values


def normalised(values: dict[str, float]) -> dict[str, float]:
    floored = {c: max(0.0, v) for c, v in values.items()}
    total = sum(floored.values())
    if total > 0:
        return {c: v / total for c, v in floored.items()}
    return {c: 1 / len(values) for c in values}


def worths(journeys: dict[Journey, list[str]]) -> dict[frozenset[str], float]:
    tally: dict[frozenset[str], list[int]] = defaultdict(lambda: [0, 0])
    for (_, converts), channels in journeys.items():
        counts = tally[frozenset(channels)]
        counts[0] += 1
        counts[1] += converts
    return {s: converting / total for s, (total, converting) in tally.items()}


def played_channels(path_channels: list[str]) -> list[str]:
    """The MAX_CHANNELS most recent distinct channels, by last occurrence."""
    last = {channel: position for position, channel in enumerate(path_channels)}
    return sorted(last, key=lambda channel: -last[channel])[:MAX_CHANNELS]


def read_paths(db: Path) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """conversion_id -> (conversion_type, [(touch_id, channel)] in order)."""
    paths: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    rows = query(
        db,
        """
        select conversion_id, conversion_type, touch_id, channel
        from intermediate.int_conversion_paths
        order by conversion_id, touch_position
        """,
    )
    for conversion_id, conversion_type, touch_id, channel in rows:
        paths.setdefault(conversion_id, (conversion_type, []))[1].append(
            (touch_id, channel)
        )
    return paths


# --- tests -----------------------------------------------------------------


def test_journeys_are_rebuilt_from_paths_and_touchpoints(built: Path) -> None:
    types = [
        row[0]
        for row in query(
            built,
            """
            select distinct conversion_type
            from staging.stg_config__conversion_types
            """,
        )
    ]
    paths = read_paths(built)
    expected: dict[tuple[str, str], tuple[bool, list[str]]] = {}
    eligible: dict[str, set[str]] = defaultdict(set)
    for conversion_id, (conversion_type, touches) in paths.items():
        expected[(conversion_type, f"conversion:{conversion_id}")] = (
            True,
            collapse([channel for _, channel in touches]),
        )
        eligible[conversion_type].update(touch_id for touch_id, _ in touches)
    touches_by_person: dict[str, list[tuple]] = defaultdict(list)
    for touch_id, person_id, touch_at, interaction, channel in query(
        built,
        """
        select touch_id, person_id, touch_at, interaction_type, channel
        from marts.fct_touchpoints
        """,
    ):
        key = (touch_at, 0 if interaction == "click" else 1, touch_id)
        touches_by_person[person_id].append((key, touch_id, channel))
    for conversion_type in types:
        for person_id, touches in touches_by_person.items():
            left = [
                channel
                for _, touch_id, channel in sorted(touches)
                if touch_id not in eligible[conversion_type]
            ]
            if left:
                journey_id = f"person:{conversion_type}:{person_id}"
                expected[(conversion_type, journey_id)] = (False, collapse(left))

    actual = {
        (conversion_type, journey_id): (bool(converts), path.split(" > "))
        for conversion_type, journey_id, converts, path in query(
            built,
            """
            select conversion_type, journey_id, is_converting, channel_path
            from intermediate.int_journeys
            """,
        )
    }
    assert sum(1 for converts, _ in expected.values() if not converts) > 100
    assert actual == expected


def test_markov_removal_effects_match_numpy(built: Path) -> None:
    journeys = read_journeys(built)
    report = {
        (row[0], row[1]): row[2:]
        for row in query(
            built,
            """
            select conversion_type, channel, removal_effect, share,
                credited_conversions, conversion_probability
            from marts.rpt_markov_removal_effects
            """,
        )
    }
    expected_rows = 0
    for conversion_type, typed in journeys.items():
        sequences = [(channels, converts) for (_, converts), channels in typed.items()]
        base, effects = markov_removal_effects(sequences)
        conversions = sum(1 for _, converts in sequences if converts)
        total = sum(effects.values())
        assert conversions > 0, f"{conversion_type}: no converting journey"
        for channel, effect in effects.items():
            expected_rows += 1
            removal_effect, share, credited, probability = report[
                (conversion_type, channel)
            ]
            assert abs(probability - base) < TOLERANCE
            assert abs(removal_effect - effect) < TOLERANCE, (conversion_type, channel)
            assert abs(share - effect / total) < TOLERANCE
            assert abs(credited - effect / total * conversions) < TOLERANCE * max(
                1, conversions
            )
    assert expected_rows == len(report)


def test_shapley_values_match_itertools(built: Path) -> None:
    journeys = read_journeys(built)
    worth_of = {t: worths(typed) for t, typed in journeys.items()}
    games: dict[tuple[str, int], dict[str, tuple[float, float]]] = defaultdict(dict)
    for conversion_type, mask, channel, value, share in query(
        built,
        """
        select conversion_type, played_channel_mask, channel, shapley_value,
            credit_share
        from intermediate.int_shapley_values
        """,
    ):
        games[(conversion_type, mask)][channel] = (value, share)
    played_sets = {
        (conversion_type, frozenset(played_channels(channels)))
        for conversion_type, typed in journeys.items()
        for (_, converts), channels in typed.items()
        if converts
    }
    assert any(len(players) == MAX_CHANNELS for _, players in played_sets)
    actual_sets = {(t, frozenset(game)): game for (t, _), game in games.items()}
    assert set(actual_sets) == played_sets
    for (conversion_type, players), game in actual_sets.items():
        values = shapley_values(worth_of[conversion_type], sorted(players))
        shares = normalised(values)
        for channel, (value, share) in game.items():
            assert abs(value - values[channel]) < TOLERANCE, (players, channel)
            assert abs(share - shares[channel]) < TOLERANCE, (players, channel)


def test_credits_split_channel_shares_among_touches(built: Path) -> None:
    journeys = read_journeys(built)
    effects = {}
    shares_of: dict[tuple[str, frozenset[str]], dict[str, float]] = {}
    for conversion_type, typed in journeys.items():
        sequences = [(channels, converts) for (_, converts), channels in typed.items()]
        effects[conversion_type] = markov_removal_effects(sequences)[1]
    worth_of = {t: worths(typed) for t, typed in journeys.items()}
    expected: dict[tuple[str, str, str], float] = {}
    long_paths = 0
    for conversion_id, (conversion_type, touches) in read_paths(built).items():
        channels = [channel for _, channel in touches]
        touch_count = {c: channels.count(c) for c in set(channels)}
        effect = {c: effects[conversion_type][c] for c in touch_count}
        total = sum(effect.values())
        players = frozenset(played_channels(channels))
        long_paths += len(touch_count) > MAX_CHANNELS
        key = (conversion_type, players)
        if key not in shares_of:
            shares_of[key] = normalised(
                shapley_values(worth_of[conversion_type], sorted(players))
            )
        for touch_id, channel in touches:
            markov_share = (
                effect[channel] / total if total > 0 else 1 / len(touch_count)
            )
            shapley_share = shares_of[key].get(channel, 0.0)
            count = touch_count[channel]
            expected[("markov", conversion_id, touch_id)] = markov_share / count
            expected[("shapley", conversion_id, touch_id)] = shapley_share / count
    assert long_paths > 0, "no path longer than the cap: the test data is too small"
    actual = {
        (model, conversion_id, touch_id): credit
        for model, conversion_id, touch_id, credit in query(
            built,
            """
            select model, conversion_id, touch_id, credit
            from marts.fct_attribution_credits
            where model in ('markov', 'shapley') and touch_id is not null
            """,
        )
    }
    assert actual.keys() == expected.keys()
    worst = max(abs(actual[key] - value) for key, value in expected.items())
    assert worst < TOLERANCE


def test_two_builds_give_identical_credits(built: Path, data_dir: Path) -> None:
    again = _build(data_dir, data_dir.parent, "second")
    sql = """
        select model, conversion_id, coalesce(touch_id, ''), credit,
            credited_revenue
        from marts.fct_attribution_credits
        where model in ('markov', 'shapley')
        order by 1, 2, 3
    """
    first = query(built, sql)
    assert first, "no markov or shapley credits"
    assert query(again, sql) == first
    report = "select * from marts.rpt_markov_removal_effects order by 1, 2"
    assert query(again, report) == query(built, report)
