"""Text rendering: Arrow string arrays built straight from byte matrices.

Typed numpy columns (numbers, epoch seconds, codes) become the raw files'
text here: zero-padded identifiers, ISO 8601 timestamps with or without an
offset, dates, amounts, and dictionary-encoded enum values in the row's
spelling style. No Python string is built per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from assist.generator.contract import CURRENCIES
from assist.generator.frames import DAY


def arrow_strings(
    n: int, matrix: np.ndarray, rows: np.ndarray | None = None
) -> pa.Array:
    """Arrow strings of n rows: row `rows[i]` is the bytes of `matrix[i]`, the
    other rows are null (`rows` None: every row, in order). Zero-copy when the
    matrix is contiguous."""
    k, width = matrix.shape
    data = np.ascontiguousarray(matrix).reshape(-1)
    if rows is None:
        lengths = np.full(n, width, dtype=np.int64)
        validity, nulls = None, 0
    else:
        lengths = np.zeros(n, dtype=np.int64)
        lengths[rows] = width
        valid = np.zeros(n, dtype=bool)
        valid[rows] = True
        nulls = n - k
        validity = (
            pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
        )
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    if offsets[-1] < 2**31 - 1:
        kind, offsets = pa.string(), offsets.astype(np.int32)
    else:
        kind = pa.large_string()
    return pa.Array.from_buffers(
        kind, n, [validity, pa.py_buffer(offsets), pa.py_buffer(data)], null_count=nulls
    )


def ascii_digits(values: np.ndarray, width: int) -> np.ndarray:
    """(width, k) uint8 ASCII digits of non-negative integers, zero-padded."""
    out = np.empty((width, len(values)), dtype=np.uint8)
    small = len(values) == 0 or int(values.max()) < 2**32
    rest = values.astype(np.uint32 if small else np.uint64)  # uint32 divides faster
    quotient = np.empty_like(rest)
    remainder = np.empty_like(rest)
    for position in range(width - 1, -1, -1):
        np.floor_divide(rest, 10, out=quotient)
        np.multiply(quotient, 10, out=remainder)
        np.subtract(rest, remainder, out=remainder)
        np.add(remainder, 48, out=out[position], casting="unsafe")
        rest, quotient = quotient, rest
    return out


def digit_width(values: np.ndarray, minimum: int) -> int:
    top = int(values.max()) if len(values) else 0
    return max(minimum, len(str(top)))


def id_text(prefix: str, values: np.ndarray, width: int) -> pa.Array:
    """`prefix` + zero-padded number; negative values are null."""
    n = len(values)
    rows = np.flatnonzero(values >= 0)
    every = len(rows) == n
    picked = values if every else values[rows]
    head = np.frombuffer(prefix.encode(), dtype=np.uint8)
    block = np.empty((len(head) + width, len(picked)), dtype=np.uint8)
    block[: len(head)] = head[:, None]
    block[len(head) :] = ascii_digits(picked, width)
    return arrow_strings(n, np.ascontiguousarray(block.T), None if every else rows)


_TIME_OF_DAY: np.ndarray | None = None
TS_OFFSETS = np.array([0, 0, 7200, 32400, -18000], dtype=np.int64)
TS_SUFFIXES = ("", "Z", "+02:00", "+09:00", "-05:00")


def _time_of_day() -> np.ndarray:
    """(86400, 8) uint8: `HH:MM:SS` of every second of a day."""
    global _TIME_OF_DAY
    if _TIME_OF_DAY is None:
        seconds = np.arange(DAY)
        table = np.empty((DAY, 8), dtype=np.uint8)
        for start, value in (
            (0, seconds // 3600),
            (3, seconds // 60 % 60),
            (6, seconds % 60),
        ):
            table[:, start] = value // 10 + 48
            table[:, start + 1] = value % 10 + 48
        table[:, 2] = table[:, 5] = ord(":")
        _TIME_OF_DAY = table
    return _TIME_OF_DAY


def _date_table(first_day: int, count: int) -> np.ndarray:
    """(count, 10) uint8: `YYYY-MM-DD` of consecutive days since the epoch."""
    origin = date(1970, 1, 1)
    text = "".join(
        (origin + timedelta(days=first_day + i)).isoformat() for i in range(count)
    )
    return np.frombuffer(text.encode(), dtype=np.uint8).reshape(count, 10)


def timestamp_text(seconds: np.ndarray, style: np.ndarray | None = None) -> pa.Array:
    """ISO 8601 text of epoch seconds: plain UTC, or `Z` / an offset by style.

    Each row is four little-endian 64-bit words OR-ed together from lookup
    tables (date, time of day, suffix), padded with spaces that Arrow trims.
    """
    n = len(seconds)
    if n == 0:
        return pa.array([], type=pa.string())
    if style is None:
        style = np.zeros(n, dtype=np.int8)
    local = seconds + TS_OFFSETS[style]
    days = local // DAY
    first = int(days.min())
    count = int(days.max()) - first + 1
    dates = np.zeros((count, 16), dtype=np.uint8)
    dates[:, :10] = _date_table(first, count)
    dates[:, 10] = ord("T")
    clock = np.zeros((DAY, 16), dtype=np.uint8)
    clock[:, 3:11] = _time_of_day()
    suffixes = np.zeros((len(TS_SUFFIXES), 16), dtype=np.uint8)
    suffixes[:, 3:] = ord(" ")
    for index, suffix in enumerate(TS_SUFFIXES):
        suffixes[index, 3 : 3 + len(suffix)] = np.frombuffer(suffix.encode(), np.uint8)
    date_words = dates.view(np.uint64)
    clock_words = clock.view(np.uint64)
    suffix_words = suffixes.view(np.uint64)
    day_index = days - first
    second = local - days * DAY
    words = np.empty((n, 4), dtype=np.uint64)
    words[:, 0] = np.ascontiguousarray(date_words[:, 0])[day_index]
    words[:, 1] = np.ascontiguousarray(date_words[:, 1])[day_index]
    words[:, 1] |= np.ascontiguousarray(clock_words[:, 0])[second]
    words[:, 2] = np.ascontiguousarray(clock_words[:, 1])[second]
    words[:, 2] |= np.ascontiguousarray(suffix_words[:, 0])[style]
    words[:, 3] = np.ascontiguousarray(suffix_words[:, 1])[style]
    text = words.view(np.uint8).reshape(n, 32)
    # Most rows are plain `YYYY-MM-DDTHH:MM:SS`; the others are trimmed apart.
    plain = arrow_strings(n, np.ascontiguousarray(text[:, :19]))
    styled = np.flatnonzero(style > 0)
    if len(styled) == 0:
        return plain
    suffixed = pc.ascii_rtrim_whitespace(arrow_strings(len(styled), text[styled]))
    mask = np.zeros(n, dtype=bool)
    mask[styled] = True
    return pc.replace_with_mask(plain, pa.array(mask), suffixed)


def date_text(days: np.ndarray) -> pa.Array:
    if len(days) == 0:
        return pa.array([], type=pa.string())
    first = int(days.min())
    table = _date_table(first, int(days.max()) - first + 1)
    return arrow_strings(len(days), table[days - first])


def amount_text(minor: np.ndarray, decimals: np.ndarray) -> pa.Array:
    """Amounts in minor units (cents; won when decimals is 0); negative is null."""
    n = len(minor)
    rows = np.flatnonzero(minor >= 0)
    value, places = minor[rows], decimals[rows]
    whole = np.where(places == 2, value // 100, value)
    width = digit_width(whole, 1)
    matrix = np.empty((len(rows), width + 3), dtype=np.uint8)
    digits = ascii_digits(whole, width).T
    # Leading zeros become spaces (trimmed below), except the units digit.
    digits[:, :-1][np.cumsum(digits[:, :-1] != ord("0"), axis=1) == 0] = ord(" ")
    matrix[:, :width] = digits
    matrix[:, width] = ord(".")
    matrix[:, width + 1 :] = ascii_digits(value % 100, 2).T
    matrix[places != 2, width:] = ord(" ")
    padded = arrow_strings(n, matrix, rows if len(rows) < n else None)
    return pc.ascii_trim_whitespace(padded)


def _styled(value: str, style: int) -> str:
    """A valid spelling of an enum value: as is, Title_Case, UPPER or padded."""
    title = "_".join(part[:1].upper() + part[1:] for part in value.split("_"))
    return (value, title, value.upper(), f" {value} ", f" {title}")[style]


N_STYLES = 5  # spellings of an enum value, by style


def vocab_text(codes: np.ndarray, vocabulary: Sequence[str]) -> pa.Array:
    """Dictionary-encoded strings; negative codes are null.

    The dictionary holds each text once and null slots point at entry 0: the
    Parquet writer reads indices under nulls and remaps duplicate entries, and
    either made its output differ from run to run."""
    distinct: dict[str, int] = {}
    remap = np.array(
        [distinct.setdefault(text, len(distinct)) for text in vocabulary] or [0],
        dtype=np.int32,
    )
    null = codes < 0
    indices = np.where(null, 0, remap[np.where(null, 0, codes)]).astype(np.int32)
    return pa.DictionaryArray.from_arrays(
        pa.array(indices, mask=null if null.any() else None),
        pa.array(list(distinct) or [""], pa.string()),
    )


def enum_text(codes: np.ndarray, values: Sequence[str], style: np.ndarray) -> pa.Array:
    """Enum values spelled by the row's style (mixed case, padding)."""
    vocabulary = [_styled(value, s) for value in values for s in range(N_STYLES)]
    combined = np.where(codes < 0, -1, codes.astype(np.int64) * N_STYLES + style)
    return vocab_text(combined, vocabulary)


def currency_text(codes: np.ndarray, style: np.ndarray) -> pa.Array:
    """Currency codes, mostly upper-case, sometimes `usd` or padded."""
    spelled = [
        (c, c.lower(), c, f" {c} ", f" {c.lower()}") for c in CURRENCIES
    ]  # by style
    vocabulary = [text for row in spelled for text in row]
    combined = np.where(codes < 0, -1, codes.astype(np.int64) * N_STYLES + style)
    return vocab_text(combined, vocabulary)


def iso_text(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
