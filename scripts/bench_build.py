"""Benchmark of whole builds: full, then incremental after one more day.

python scripts/bench_build.py [--persons 10000 100000 1000000] [--days 30]
    [--seed 42] [--work DIR] [--reuse] [--selector daily] [--out FILE.json]

For each size: generates a Parquet data set of DAYS days delivered as one
file per table per day (`--split-by day`; or reuses WORK/<persons>/full with
--reuse) and links every file but those of the last day into
WORK/<persons>/exports, then, each step in its own `assist build` process on
one DuckDB file:

1. full build of the exports (`--full-refresh`), with the data tests
   (selector `daily`: every model and data test, no unit tests);
2. incremental build after the last day's files land in the exports;
3. the bare-engine baseline on the built database: one hand-written
   range-join query giving each conversion its touches in the click window
   and linear credit (`BASELINE_SQL`), best of 3, beside the attribution
   stage of the full build (int_conversion_paths + fct_attribution_credits).

Reports wall time, peak RSS of the build process, and per-stage seconds
(sum of dbt node times per model folder, tests apart) from run_results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from assist.generator import generate  # noqa: E402

ATTRIBUTION_NODES = ("int_conversion_paths", "fct_attribution_credits")

# Each conversion with every touch of its person in the 30 days before it
# (clicks) and linear credit: the floor any attribution engine pays.
BASELINE_SQL = """
create or replace temp table baseline_credits as
select
    conversions.conversion_id,
    touches.touch_id,
    1.0 / count(*) over (partition by conversions.conversion_id) as credit
from intermediate.int_conversions_deduplicated as conversions
inner join marts.fct_touchpoints as touches
    on touches.person_id = conversions.person_id
    and touches.touch_at <= conversions.converted_at
    and touches.touch_at > conversions.converted_at - interval 30 day
"""


def last_day(full: Path) -> str:
    """The last day of the period: the latest day file of message_events
    (the injected far-future rows' days are not days of the period)."""
    days = sorted(
        path.stem.split(".")[0]
        for path in (full / "message_events").glob("2*")
        if path.stem < "2099"
    )
    return days[-1]


def deliver(full: Path, exports: Path, skip_day: str | None) -> int:
    """Links the delivery files of `full` into `exports` (one folder per
    table, as an export lands), but those of `skip_day`; files already
    there stay untouched. Returns the files added."""
    added = 0
    for path in sorted(full.rglob("*.parquet")):
        relative = path.relative_to(full)
        if skip_day is not None and path.stem == skip_day:
            continue
        destination = exports / relative
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, destination)
        added += 1
    return added


def run_build(
    data: Path, db: Path, target_dir: Path, selector: str, full_refresh: bool
) -> dict:
    """One `assist build` in its own process: wall, peak RSS, node timings."""
    command = [
        sys.executable,
        "-m",
        "assist.cli",
        "build",
        "--data",
        str(data),
        "--db",
        str(db),
        "--selector",
        selector,
        "--json",
    ]
    if full_refresh:
        command.append("--full-refresh")
    environment = {
        **os.environ,
        "DBT_TARGET_PATH": str(target_dir),
        "DBT_LOG_PATH": str(target_dir / "logs"),
        "DO_NOT_TRACK": "1",
    }
    target_dir.mkdir(parents=True, exist_ok=True)
    rss_file = target_dir / "maxrss.txt"
    started = time.monotonic()
    finished = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *command],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.monotonic() - started
    peak_kib = int(rss_file.read_text().split()[-1])
    if finished.returncode != 0:
        sys.stderr.write(finished.stderr[-4000:])
        raise SystemExit(f"build of {data} failed ({finished.returncode})")
    summary = json.loads(finished.stdout)
    load_manifest_paths(target_dir)
    stages: dict[str, float] = defaultdict(float)
    models: dict[str, float] = {}
    for node in summary["nodes"]:
        if node["resource_type"] == "model":
            models[node["name"]] = node["seconds"]
            stages[stage_of(node["unique_id"], node["name"])] += node["seconds"]
        else:
            stages[f"{node['resource_type']}s"] += node["seconds"]
    return {
        "wall_seconds": round(wall, 1),
        "peak_rss_gib": round(peak_kib / 1024 / 1024, 2),
        "stages": {name: round(value, 2) for name, value in sorted(stages.items())},
        "models": models,
        "changed_persons": changed_persons(db),
    }


MANIFEST_PATHS: dict[str, str] = {}


def stage_of(unique_id: str, name: str) -> str:
    """The model's folder (staging/raw, intermediate/identity, ...)."""
    path = MANIFEST_PATHS.get(unique_id, "")
    parts = Path(path).parts
    return "/".join(parts[:2]) if len(parts) > 2 else (parts[0] if parts else name)


def load_manifest_paths(target_dir: Path) -> None:
    manifest = json.loads((target_dir / "manifest.json").read_text())
    for unique_id, node in manifest["nodes"].items():
        MANIFEST_PATHS[unique_id] = node.get("original_file_path", "").removeprefix(
            "models/"
        )


def changed_persons(db: Path) -> int | None:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute(
            "select count(*) from intermediate.int_persons_changed"
        ).fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        connection.close()


def baseline(db: Path, attribution_seconds: float) -> dict:
    """Best of 3 of BASELINE_SQL on the built database."""
    connection = duckdb.connect(str(db))
    try:
        best = float("inf")
        for _ in range(3):
            started = time.monotonic()
            connection.execute(BASELINE_SQL)
            best = min(best, time.monotonic() - started)
        rows = connection.execute("select count(*) from baseline_credits").fetchone()[0]
    finally:
        connection.close()
    return {
        "baseline_seconds": round(best, 2),
        "baseline_rows": rows,
        "attribution_seconds": round(attribution_seconds, 2),
        "ratio": round(attribution_seconds / best, 2) if best else None,
    }


def bench_size(persons: int, args: argparse.Namespace) -> dict:
    work = Path(args.work) / str(persons)
    full, exports = work / "full", work / "exports"
    if not (args.reuse and full.is_dir()):
        started = time.monotonic()
        generate(
            full,
            persons=persons,
            days=args.days,
            seed=args.seed,
            fmt="parquet",
            split_by="day",
        )
        print(
            f"{persons:,}: generated in {time.monotonic() - started:.0f} s", flush=True
        )
    shutil.rmtree(exports, ignore_errors=True)
    day = last_day(full)
    deliver(full, exports, skip_day=day)
    db = work / "assist.duckdb"
    for leftover in (db, Path(f"{db}.wal")):
        leftover.unlink(missing_ok=True)
    target = work / "dbt_target"
    result: dict = {"persons": persons}
    result["full"] = run_build(exports, db, target, args.selector, full_refresh=True)
    print(f"{persons:,}: full build {result['full']['wall_seconds']} s", flush=True)
    result["added_files"] = deliver(full, exports, skip_day=None)
    result["incremental"] = run_build(exports, db, target, args.selector, False)
    print(
        f"{persons:,}: incremental build {result['incremental']['wall_seconds']} s",
        flush=True,
    )
    attribution = sum(
        result["full"]["models"].get(name, 0.0) for name in ATTRIBUTION_NODES
    )
    result["baseline"] = baseline(db, attribution)
    print(f"{persons:,}: baseline {result['baseline']}", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--persons", type=int, nargs="+", default=[10_000, 100_000, 1_000_000]
    )
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", default=str(ROOT / "target" / "bench_build"))
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--selector", default="daily")
    parser.add_argument("--out", help="write the results as JSON")
    args = parser.parse_args()
    results = [bench_size(persons, args) for persons in args.persons]
    text = json.dumps(results, indent=2)
    if args.out:
        Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
