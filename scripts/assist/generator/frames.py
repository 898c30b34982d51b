"""The simulation's building blocks: frames, the run's context, random draws.

A frame is a dict of equal-length numpy columns (one row per event, session,
purchase...). The helpers take, concatenate and interleave rows of frames;
the draws (weighted choices, times with a daily rhythm, spelling styles) all
come from the run's one random generator, in a fixed order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DAY = 86_400
NEVER = np.int64(2**62)
APP, WEB = 0, 1  # the platform of a session
# Shares of the spelling styles of enum values (see render.enum_text) and of
# the timestamp styles (plain, Z, three offsets) of written rows.
STYLE_SHARE = (0.94, 0.02, 0.015, 0.015, 0.01)
TS_STYLE_SHARE = (0.955, 0.02, 0.012, 0.008, 0.005)


def choice(rng: np.random.Generator, n: int, weights: Sequence[float]) -> np.ndarray:
    """n draws of indices with the given weights (int64)."""
    cumulative = np.cumsum(np.asarray(weights, dtype=np.float64))
    draws = rng.random(n) * cumulative[-1]
    return np.minimum(
        np.searchsorted(cumulative, draws, side="right"), len(weights) - 1
    )


HOUR_WEIGHTS = (
    1,
    0.6,
    0.4,
    0.3,
    0.3,
    0.5,
    1,
    2,
    3,
    3.5,
    4,
    4,
    4.5,
    4.5,
    4,
    4,
    4.2,
    4.5,
    5,
    6,
    6.5,
    6,
    4.5,
    2.5,
)


def _random_times(
    rng: np.random.Generator, n: int, start: int, days: int
) -> np.ndarray:
    """n instants in `days` days from `start`, with a daily rhythm."""
    day = rng.integers(0, days, n)
    hour = choice(rng, n, HOUR_WEIGHTS)
    return start + day * DAY + hour * 3600 + rng.integers(0, 3600, n)


def pick_within(
    rng: np.random.Generator, first: np.ndarray, count: np.ndarray
) -> np.ndarray:
    """A uniform index in [first, first + count) per row (count > 0)."""
    return first + (rng.random(len(first)) * count).astype(np.int64)


def first_per_group(groups: np.ndarray) -> np.ndarray:
    """Positions of the first row of each run of equal values (sorted input)."""
    if len(groups) == 0:
        return np.zeros(0, dtype=np.int64)
    change = np.ones(len(groups), dtype=bool)
    change[1:] = groups[1:] != groups[:-1]
    return np.flatnonzero(change)


Frame = dict[str, np.ndarray]


def take(frame: Frame, index: np.ndarray) -> Frame:
    return {name: column[index] for name, column in frame.items()}


def concat(frames: Sequence[Frame]) -> Frame:
    names = list(frames[0])
    return {name: np.concatenate([f[name] for f in frames]) for name in names}


def constant_rows(**columns: np.ndarray | int) -> Frame:
    """A frame of the given columns; a number is repeated (as int8) for every
    row of the array columns."""
    n = max(len(v) for v in columns.values() if isinstance(v, np.ndarray))
    return {
        name: value
        if isinstance(value, np.ndarray)
        else np.full(n, value, dtype=np.int8)
        for name, value in columns.items()
    }


def frame_len(frame: Frame) -> int:
    return len(next(iter(frame.values())))


def interleave(frame: Frame, extra: Frame, position: np.ndarray) -> Frame:
    """`frame` with the rows of `extra` inserted before the rows at `position`
    (as numpy.insert does; extras at one position keep their order)."""
    n, m = frame_len(frame), len(position)
    order = np.argsort(position, kind="stable")
    extra_slot = np.empty(m, dtype=np.int64)
    extra_slot[order] = position[order] + np.arange(m)
    before = np.cumsum(np.bincount(position, minlength=n + 1))[:n]
    natural_slot = np.arange(n) + before
    merged: Frame = {}
    for name, column in frame.items():
        out = np.empty(n + m, dtype=column.dtype)
        out[natural_slot] = column
        out[extra_slot] = extra[name]
        merged[name] = out
    return merged


@dataclass
class Context:
    rng: np.random.Generator
    start: int  # first second of the period (epoch seconds, UTC)
    stop: int  # first second after the period
    days: int
    scale: float  # days / 30

    def times(self, n: int) -> np.ndarray:
        return _random_times(self.rng, n, self.start, self.days)


def lookup(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """values[index], and -1 where index is negative (values may be empty)."""
    if len(values) == 0:
        return np.full(len(index), -1, dtype=np.int64)
    return np.where(index >= 0, values[np.maximum(index, 0)], -1)


def styles(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row: an enum spelling style and a timestamp style."""
    style = choice(rng, n, STYLE_SHARE).astype(np.int8)
    ts_style = choice(rng, n, TS_STYLE_SHARE).astype(np.int8)
    return style, ts_style


def sorted_by(frame: Frame, column: str) -> Frame:
    return take(frame, np.argsort(frame[column], kind="stable"))
