"""The mess a raw export carries, injected on purpose and counted.

Per table: exact duplicates of natural rows, conflicting duplicates (same
key, a later timestamp, other content) and contract-breaking rows of every
reason of CONTRACT 1 (`DEFECTS`: each variant changes one valid row in one
way). `inject()` places the extra rows among the natural ones and tells each
row's variant; `apply_defects()` writes the variants' raw text into the
rendered columns. The counts go to the manifest.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from assist.generator.contract import ID_TYPES
from assist.generator.frames import Frame, concat, frame_len, interleave, take
from assist.generator.render import vocab_text

if TYPE_CHECKING:
    from assist.generator.simulation import World

# Contract-breaking rows, per table (defect_variants.csv, data): variant,
# reason, and the raw text of each cell it changes, as a Python literal (None:
# an empty cell; column *identifiers: every identifier column). Each variant
# changes one valid row in one way, so the first reason the warehouse finds is
# the variant's reason. Variants are listed in the order of BAD_ROW_REASONS;
# their order fixes which rows get which variant.
VARIANTS_FILE = Path(__file__).with_name("defect_variants.csv")
BadVariant = tuple[str, str, dict[str, str | None]]


def _read_variants(path: Path) -> dict[str, tuple[BadVariant, ...]]:
    """The variants of each table, in the file's order."""
    tables: dict[str, dict[str, BadVariant]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            variants = tables.setdefault(row["table"], {})
            variant = variants.setdefault(
                row["variant"], (row["variant"], row["reason"], {})
            )
            text = ast.literal_eval(row["raw_text"])
            columns = ID_TYPES if row["column"] == "*identifiers" else [row["column"]]
            variant[2].update(dict.fromkeys(columns, text))
    return {table: tuple(variants.values()) for table, variants in tables.items()}


DEFECTS = _read_variants(VARIANTS_FILE)

# How many bad rows of each variant at least (when bad_row_rate > 0).
MIN_BAD_ROWS_PER_VARIANT = 3
# Share of natural rows duplicated exactly, per table (event tables ~1%).
EXACT_DUPLICATE_SHARE = {
    "message_events": 0.01,
    "app_events": 0.01,
    "web_events": 0.01,
    "orders": 0.005,
    "identity_links": 0.002,
    "consents": 0.002,
    "campaigns": 0.02,
    "holdout_assignments": 0.002,
    "costs": 0.01,
    "fx_rates": 0.02,
}
# Share of natural rows given a conflicting duplicate (same key, later
# timestamp, other content); only tables whose key is an id.
CONFLICT_SHARE = {
    "message_events": 0.0005,
    "app_events": 0.0005,
    "web_events": 0.0005,
    "orders": 0.002,
}
MIN_CONFLICTS = 3


@dataclass
class Injected:
    duplicate_rows: int = 0
    conflicting_duplicate: int = 0
    bad_rows: dict[str, int] = field(default_factory=dict)
    bad_variants: dict[str, int] = field(default_factory=dict)


def inject(
    world: World,
    table: str,
    frame: Frame,
    ts: str | None,
    key: str | None,
    conflict: Callable[[Frame], None] | None = None,
) -> tuple[Frame, np.ndarray, Injected]:
    """Adds exact duplicates, conflicting duplicates and bad rows to a table.

    `frame` holds the natural rows, sorted by `ts` when given. Returns the
    rows in file order, each row's defect variant (-1 for none) and counts.
    """
    ctx, bad_row_rate = world.ctx, world.bad_row_rate
    rng = ctx.rng
    n = frame_len(frame)
    stats = Injected()
    extras: list[Frame] = []
    defects: list[np.ndarray] = []

    share = EXACT_DUPLICATE_SHARE[table]
    count = min(n, max(2, round(share * n))) if n else 0
    picked = np.sort(rng.choice(n, count, replace=False)) if count else np.zeros(0, int)
    twice = picked[rng.random(len(picked)) < 0.1]
    copies = np.concatenate([picked, twice])
    extras.append(take(frame, copies))
    defects.append(np.full(len(copies), -1, dtype=np.int16))
    stats.duplicate_rows = len(copies)

    if table in CONFLICT_SHARE and ts is not None and n:
        eligible = np.flatnonzero(frame[ts] < ctx.stop - 3600)
        count = min(len(eligible), max(MIN_CONFLICTS, round(CONFLICT_SHARE[table] * n)))
        originals = np.sort(rng.choice(eligible, count, replace=False))
        changed = take(frame, originals)
        changed[ts] = changed[ts] + rng.integers(1, 900, count)
        changed["ts_style"] = np.zeros(count, dtype=np.int8)
        if conflict is not None:
            conflict(changed)
        extras.append(changed)
        defects.append(np.full(count, -1, dtype=np.int16))
        stats.conflicting_duplicate = count

    variants = DEFECTS[table]
    if bad_row_rate > 0 and n:
        per_variant = max(
            MIN_BAD_ROWS_PER_VARIANT, round(bad_row_rate * n / len(variants))
        )
        total = per_variant * len(variants)
        bases = rng.integers(0, n, total)
        bad = take(frame, bases)
        if key is not None:
            top = int(frame[key].max())
            bad[key] = top + 1 + np.arange(total)
        extras.append(bad)
        defects.append(np.repeat(np.arange(len(variants), dtype=np.int16), per_variant))
        for name, reason, _ in variants:
            stats.bad_variants[name] = per_variant
            stats.bad_rows[reason] = stats.bad_rows.get(reason, 0) + per_variant

    extra = concat(extras)
    m = frame_len(extra)
    if ts is not None:
        position = np.searchsorted(frame[ts], extra[ts], side="right")
    else:
        position = rng.integers(0, n + 1, m)
    frame = {**frame, "_defect": np.full(n, -1, dtype=np.int16)}
    extra["_defect"] = np.concatenate(defects)
    merged = interleave(frame, extra, position)
    defect = merged.pop("_defect")
    return merged, defect, stats


def _splice(values: pa.Array, rows: np.ndarray, texts: list[str | None]) -> pa.Array:
    """A string array with `texts` at the sorted `rows` (None: null).

    Copies the untouched runs of bytes between the rows, so the cost is one
    pass over the data however many rows change."""
    n = len(values)
    large = pa.types.is_large_string(values.type)
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64 if large else np.int32)[
        values.offset : values.offset + n + 1
    ].astype(np.int64)
    data_buffer = values.buffers()[2]
    data = (
        np.frombuffer(data_buffer, dtype=np.uint8)
        if data_buffer is not None
        else np.zeros(0, np.uint8)
    )
    valid = ~np.asarray(values.is_null())
    encoded = [text.encode() if text is not None else b"" for text in texts]
    lengths = np.diff(offsets)
    lengths[rows] = [len(text) for text in encoded]
    valid[rows] = [text is not None for text in texts]
    starts = offsets[:-1][rows].tolist()
    ends = offsets[1:][rows].tolist()
    pieces: list[np.ndarray] = []
    previous = int(offsets[0])
    for start, end, text in zip(starts, ends, encoded, strict=True):
        pieces.append(data[previous:start])
        pieces.append(np.frombuffer(text, dtype=np.uint8))
        previous = end
    pieces.append(data[previous : int(offsets[-1])])
    spliced = np.concatenate(pieces)
    new_offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=new_offsets[1:])
    kind = pa.large_string() if new_offsets[-1] >= 2**31 - 1 else pa.string()
    if kind == pa.string():
        new_offsets = new_offsets.astype(np.int32)
    nulls = n - int(valid.sum())
    validity = pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
    return pa.Array.from_buffers(
        kind,
        n,
        [validity, pa.py_buffer(new_offsets), pa.py_buffer(spliced)],
        null_count=nulls,
    )


def apply_defects(
    table: str, columns: dict[str, pa.Array], defect: np.ndarray
) -> np.ndarray:
    """Writes each bad row's raw text; returns the rows that need CSV quotes.

    One pass per column (over the indices of dictionary columns), so the cost
    does not grow with the number of variants."""
    bad_rows = np.flatnonzero(defect >= 0)
    variant_of = defect[bad_rows]
    edits: dict[str, dict[int, str | None]] = {}
    for variant, (_, _, overrides) in enumerate(DEFECTS[table]):
        for column, text in overrides.items():
            edits.setdefault(column, {})[variant] = text
    quoted: list[np.ndarray] = []
    for column, by_variant in edits.items():
        touched = np.isin(variant_of, list(by_variant))
        rows = bad_rows[touched]
        if len(rows) == 0:
            continue
        texts = [by_variant[v] for v in variant_of[touched].tolist()]
        values = columns[column]
        if isinstance(values.type, pa.DictionaryType):
            vocabulary = values.dictionary.to_pylist()
            extra = sorted({t for t in texts if t is not None} - set(vocabulary))
            vocabulary += extra
            where = {text: i for i, text in enumerate(vocabulary)}
            codes = np.asarray(pc.fill_null(values.indices, -1)).astype(np.int64)
            codes[rows] = [-1 if t is None else where[t] for t in texts]
            columns[column] = vocab_text(codes, vocabulary)
        else:
            columns[column] = _splice(values, rows, texts)
        special = np.array([t is not None and ("," in t or '"' in t) for t in texts])
        quoted.append(rows[special])
    return np.unique(np.concatenate(quoted)) if quoted else np.zeros(0, np.int64)
