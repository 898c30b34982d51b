"""generate(): one data set on disk, with its manifest.

Checks the options, clears stale files of the other format or shape, runs
the simulation with a background writer (each table as one file, or split by
day as a folder: `deliveries`), then writes `generator_manifest.json` at the
top of the data directory: the arguments, the period, the rows per table,
every injected row per reason and variant, the holdout truths and the shared
devices.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np

from assist.generator.campaigns import make_campaigns
from assist.generator.contract import BAD_ROW_REASONS, TABLES
from assist.generator.defects import Injected
from assist.generator.deliveries import (
    FORMATS,
    SPLIT_BY,
    output_name,
    prepare_outputs,
)
from assist.generator.frames import DAY, Context
from assist.generator.people import Widths, add_shared_devices, make_people
from assist.generator.render import digit_width, iso_text
from assist.generator.simulation import World, run
from assist.generator.writers import Writer

DEFAULT_END_DATE = date(2026, 11, 1)
MANIFEST_NAME = "generator_manifest.json"
MANIFEST_VERSION = 1


def _epoch(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp())


@contextmanager
def _without_huge_pages() -> Iterator[None]:
    """Turns off numpy's transparent-huge-page advice while simulating.

    The generator allocates many short-lived arrays of tens of MB; with huge
    pages advised, a busy kernel compacts memory for each one (measured: the
    system time of a 1M-person run fell from 25 s to 15 s without them). This
    is the runtime form of numpy's NUMPY_MADVISE_HUGEPAGE=0; the previous
    setting is restored afterwards.
    """
    try:
        from numpy._core.multiarray import _set_madvise_hugepage
    except ImportError:  # another numpy layout: leave numpy's default
        yield
        return
    previous = _set_madvise_hugepage(False)
    try:
        yield
    finally:
        _set_madvise_hugepage(previous)


def _check_arguments(
    persons: int,
    days: int,
    fmt: str,
    bad_row_rate: float,
    end_date: date,
    split_by: str | None,
) -> None:
    if not isinstance(persons, int) or persons < 1:
        raise ValueError(
            f"generate: option persons must be a positive integer, got {persons!r}"
        )
    if not isinstance(days, int) or days < 1:
        raise ValueError(
            f"generate: option days must be a positive integer, got {days!r}"
        )
    if fmt not in FORMATS:
        raise ValueError(f"generate: option fmt must be one of {FORMATS}, got {fmt!r}")
    if not 0 <= bad_row_rate <= 0.2:
        raise ValueError(
            "generate: option bad_row_rate must be between 0 and 0.2, "
            f"got {bad_row_rate!r}"
        )
    if not isinstance(end_date, date) or end_date.year < 2001:
        raise ValueError(
            f"generate: option end_date must be a date after 2000, got {end_date!r}"
        )
    if split_by not in SPLIT_BY:
        raise ValueError(
            f"generate: option split_by must be one of {SPLIT_BY}, got {split_by!r}"
        )


def generate(
    out_dir: Path,
    persons: int = 1000,
    days: int = 30,
    seed: int = 42,
    fmt: str = "csv",
    end_date: date = DEFAULT_END_DATE,
    bad_row_rate: float = 0.002,
    progress: Callable[[str], None] | None = None,
    split_by: str | None = None,
) -> dict[str, int]:
    """Writes every raw table of CONTRACT 1 and `generator_manifest.json`.

    The data covers the `days` days ending with `end_date` (UTC): every natural
    timestamp lies in [end_date - days + 1, end_date + 1 day). `split_by`
    "day" writes each dated table as a folder of one file per UTC day (see
    `deliveries`) with the same rows as the single file. Returns the rows
    written per table. The same arguments give byte-identical files.
    """
    _check_arguments(persons, days, fmt, bad_row_rate, end_date, split_by)
    report = progress or (lambda message: None)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValueError(
            f"generate: cannot create output directory {out}: {error}"
        ) from error
    prepare_outputs(out, TABLES, fmt, split_by)
    (out / MANIFEST_NAME).unlink(missing_ok=True)  # no stale manifest on failure

    started = time.perf_counter()
    stop = _epoch(end_date) + DAY
    ctx = Context(
        rng=np.random.Generator(np.random.PCG64(seed)),
        start=stop - days * DAY,
        stop=stop,
        days=days,
        scale=days / 30,
    )
    writer = Writer(out, fmt, report, split_by)
    try:
        with _without_huge_pages():
            report(f"simulating {persons:,} persons over {days} days")
            people = make_people(ctx, persons)
            add_shared_devices(ctx, people)
            campaigns = make_campaigns(ctx)
            widths = Widths(
                user=digit_width(people.user_num, 7),
                device=digit_width(people.device_num, 8),
                anon=digit_width(people.anon_num, 9),
                message=9,
                session=9,
                order=8,
            )
            world = World(ctx, people, campaigns, widths, writer, bad_row_rate)
            run(world)
    finally:
        writer.close()
    manifest = {
        "generator": "assist.generate",
        "manifest_version": MANIFEST_VERSION,
        "arguments": {
            "persons": persons,
            "days": days,
            "seed": seed,
            "fmt": fmt,
            "end_date": end_date.isoformat(),
            "bad_row_rate": bad_row_rate,
            "split_by": split_by,
        },
        "period": {
            "start": iso_text(ctx.start),
            "end_exclusive": iso_text(ctx.stop),
        },
        "files": {table: output_name(table, fmt, split_by) for table in TABLES},
        "rows": {table: writer.rows[table] for table in TABLES},
        "tables": {
            table: _table_manifest(writer.rows[table], writer.injected[table])
            for table in TABLES
        },
        "holdout": world.holdout_truth,
        "shared_devices": world.shared_device_ids,
        "reporting_currency": "USD",
    }
    (out / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=2, sort_keys=False) + "\n"
    )
    report(
        f"generated {sum(writer.rows.values()):,} raw rows in "
        f"{time.perf_counter() - started:.1f}s"
    )
    return {table: writer.rows[table] for table in TABLES}


def _table_manifest(rows: int, stats: Injected) -> dict[str, object]:
    bad = {reason: stats.bad_rows.get(reason, 0) for reason in BAD_ROW_REASONS}
    quarantined = sum(bad.values()) + stats.conflicting_duplicate
    return {
        "rows": rows,
        "duplicate_rows": stats.duplicate_rows,
        "conflicting_duplicate": stats.conflicting_duplicate,
        "bad_rows": bad,
        "bad_row_variants": dict(stats.bad_variants),
        "quarantined_rows": quarantined,
        "staged_rows": rows - stats.duplicate_rows - quarantined,
    }
