"""The mess a raw export carries, injected on purpose and counted.

Per table: exact duplicates of natural rows, conflicting duplicates (same
key, a later timestamp, other content) and contract-breaking rows of every
reason of CONTRACT 1 (`DEFECTS`: each variant changes one valid row in one
way). `inject()` places the extra rows among the natural ones and tells each
row's variant; `apply_defects()` writes the variants' raw text into the
rendered columns. The counts go to the manifest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from assist.generator.contract import ID_TYPES
from assist.generator.frames import Context, Frame, concat, frame_len, interleave, take
from assist.generator.render import vocab_text

# Contract-breaking rows: per table, (variant, reason, {column: raw text}) where
# None is an empty cell. Each variant changes one valid row in one way, so the
# first reason the warehouse finds is the variant's reason.
# No identifier: every identifier column empty (named as the identifier types).
_NO_IDS: dict[str, str | None] = dict.fromkeys(ID_TYPES)
BadVariant = tuple[str, str, dict[str, str | None]]


def _bad(variant: str, reason: str, **raw: str | None) -> BadVariant:
    return (variant, reason, raw)


DEFECTS: dict[str, tuple[BadVariant, ...]] = {
    "message_events": (
        _bad("missing_event_id", "missing_required", event_id=None),
        _bad("missing_event_at", "missing_required", event_at=None),
        _bad("missing_channel", "missing_required", channel="   "),
        _bad("missing_event_type", "missing_required", event_type=None),
        _bad("bad_event_at", "unparseable", event_at="not-a-date"),
        _bad("slashed_event_at", "unparseable", event_at="2026/10/01 10:00"),
        _bad("unknown_channel", "unknown_enum", channel="carrier_pigeon"),
        _bad("unknown_event_type", "unknown_enum", event_type="poke"),
        _bad("unknown_platform", "unknown_enum", platform="windows"),
        _bad("event_at_1999", "timestamp_out_of_range", event_at="1999-12-31T23:59:59"),
        _bad(
            "event_at_2100", "timestamp_out_of_range", event_at="2100-01-01T00:00:00Z"
        ),
        _bad("no_identifier", "no_identifier", **_NO_IDS),
    ),
    "app_events": (
        _bad("missing_event_id", "missing_required", event_id=None),
        _bad("missing_event_at", "missing_required", event_at=None),
        _bad("missing_event_name", "missing_required", event_name=" "),
        _bad("missing_device_id", "missing_required", device_id=None),
        _bad("bad_event_at", "unparseable", event_at="not-a-date"),
        _bad("bad_revenue", "unparseable", revenue="12,34x"),
        _bad("event_at_1999", "timestamp_out_of_range", event_at="1999-06-30T12:00:00"),
        _bad("event_at_2100", "timestamp_out_of_range", event_at="2100-01-01T00:00:00"),
        _bad("negative_revenue", "negative_revenue", revenue="-19.99"),
        _bad("unknown_currency", "unknown_currency", currency="XYZ"),
    ),
    "web_events": (
        _bad("missing_event_id", "missing_required", event_id=None),
        _bad("missing_event_at", "missing_required", event_at=None),
        _bad("missing_event_name", "missing_required", event_name=None),
        _bad("missing_anonymous_id", "missing_required", anonymous_id="  "),
        _bad("bad_event_at", "unparseable", event_at="not-a-date"),
        _bad("bad_revenue", "unparseable", revenue="12,34x"),
        _bad("event_at_1999", "timestamp_out_of_range", event_at="1999-01-01T00:00:00"),
        _bad("event_at_2100", "timestamp_out_of_range", event_at="2100-06-30T08:00:00"),
        _bad("negative_revenue", "negative_revenue", revenue="-5.00"),
        _bad("unknown_currency", "unknown_currency", currency="XYZ"),
    ),
    "orders": (
        _bad("missing_order_id", "missing_required", order_id=None),
        _bad("missing_ordered_at", "missing_required", ordered_at=None),
        _bad("missing_sales_channel", "missing_required", sales_channel=None),
        _bad("missing_revenue", "missing_required", revenue=None),
        _bad("missing_status", "missing_required", status=" "),
        _bad("bad_ordered_at", "unparseable", ordered_at="not-a-date"),
        _bad("bad_revenue", "unparseable", revenue="12,34x"),
        _bad("unknown_sales_channel", "unknown_enum", sales_channel="kiosk"),
        _bad("unknown_status", "unknown_enum", status="lost"),
        _bad(
            "ordered_at_1999",
            "timestamp_out_of_range",
            ordered_at="1999-12-31T23:00:00",
        ),
        _bad(
            "ordered_at_2100",
            "timestamp_out_of_range",
            ordered_at="2100-01-01T00:00:00",
        ),
        _bad("negative_revenue", "negative_revenue", revenue="-25.00"),
        _bad("unknown_currency", "unknown_currency", currency="XYZ"),
        _bad("no_identifier", "no_identifier", **_NO_IDS),
    ),
    "identity_links": (
        _bad("missing_id_type_a", "missing_required", id_type_a=None),
        _bad("missing_id_a", "missing_required", id_a=None),
        _bad("missing_id_type_b", "missing_required", id_type_b=None),
        _bad("missing_id_b", "missing_required", id_b=" "),
        _bad("bad_linked_at", "unparseable", linked_at="not-a-date"),
        _bad("unknown_id_type", "unknown_enum", id_type_b="phone", id_b="+15550100"),
        _bad(
            "linked_at_1999", "timestamp_out_of_range", linked_at="1999-12-31T00:00:00"
        ),
        _bad(
            "linked_at_2100", "timestamp_out_of_range", linked_at="2100-01-01T00:00:00"
        ),
    ),
    "consents": (
        _bad("missing_id_type", "missing_required", id_type=None),
        _bad("missing_id", "missing_required", id=None),
        _bad("missing_purpose", "missing_required", purpose=None),
        _bad("missing_granted", "missing_required", granted=None),
        _bad("missing_updated_at", "missing_required", updated_at=None),
        _bad("bad_granted", "unparseable", granted="maybe"),
        _bad("bad_updated_at", "unparseable", updated_at="not-a-date"),
        _bad("unknown_id_type", "unknown_enum", id_type="phone"),
        _bad("unknown_purpose", "unknown_enum", purpose="ads"),
        _bad(
            "updated_at_1999",
            "timestamp_out_of_range",
            updated_at="1999-12-31T00:00:00",
        ),
        _bad(
            "updated_at_2100",
            "timestamp_out_of_range",
            updated_at="2100-01-01T00:00:00",
        ),
    ),
    "campaigns": (
        _bad("missing_campaign_id", "missing_required", campaign_id=None),
        _bad("bad_started_at", "unparseable", started_at="not-a-date"),
        _bad("bad_tracking", "unparseable", purchase_conversion_tracking="maybe"),
        _bad(
            "started_at_1999",
            "timestamp_out_of_range",
            started_at="1999-12-31T00:00:00",
        ),
        _bad(
            "started_at_2100",
            "timestamp_out_of_range",
            started_at="2100-01-01T00:00:00",
        ),
    ),
    "holdout_assignments": (
        _bad("missing_campaign_id", "missing_required", campaign_id=None),
        _bad("missing_user_id", "missing_required", user_id=None),
        _bad("missing_assignment", "missing_required", assignment=None),
        _bad("missing_assigned_at", "missing_required", assigned_at=None),
        _bad("bad_assigned_at", "unparseable", assigned_at="not-a-date"),
        _bad("unknown_assignment", "unknown_enum", assignment="maybe"),
        _bad(
            "assigned_at_1999",
            "timestamp_out_of_range",
            assigned_at="1999-12-31T00:00:00",
        ),
        _bad(
            "assigned_at_2100",
            "timestamp_out_of_range",
            assigned_at="2100-01-01T00:00:00",
        ),
    ),
    "costs": (
        _bad("missing_cost_date", "missing_required", cost_date=None),
        _bad("missing_channel", "missing_required", channel=None),
        _bad("missing_cost", "missing_required", cost=None),
        _bad("bad_cost", "unparseable", cost="n/a"),
        _bad("bad_cost_date", "unparseable", cost_date="2026-13-45"),
        _bad("unknown_channel", "unknown_enum", channel="carrier_pigeon"),
        _bad("google_ads_channel", "unknown_enum", channel="google_ads"),
        _bad("cost_date_1999", "timestamp_out_of_range", cost_date="1999-12-31"),
        _bad("cost_date_2100", "timestamp_out_of_range", cost_date="2100-01-01"),
        _bad("unknown_currency", "unknown_currency", currency="XYZ"),
    ),
    "fx_rates": (
        _bad("missing_rate_date", "missing_required", rate_date=None),
        _bad("missing_currency", "missing_required", currency=None),
        _bad("missing_rate", "missing_required", rate_to_reporting=None),
        _bad("bad_rate", "unparseable", rate_to_reporting="abc"),
        _bad("bad_rate_date", "unparseable", rate_date="not-a-date"),
        _bad("rate_date_1999", "timestamp_out_of_range", rate_date="1999-12-31"),
        _bad("rate_date_2100", "timestamp_out_of_range", rate_date="2100-01-01"),
    ),
}

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
    ctx: Context,
    table: str,
    frame: Frame,
    bad_row_rate: float,
    ts: str | None,
    key: str | None,
    conflict: Callable[[Frame], None] | None = None,
) -> tuple[Frame, np.ndarray, Injected]:
    """Adds exact duplicates, conflicting duplicates and bad rows to a table.

    `frame` holds the natural rows, sorted by `ts` when given. Returns the
    rows in file order, each row's defect variant (-1 for none) and counts.
    """
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
