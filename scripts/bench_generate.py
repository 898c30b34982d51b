"""Benchmark of the synthetic data generator: wall time, CPU, rows, peak memory.

    python scripts/bench_generate.py [--persons N] [--days N]
        [--format csv|parquet|both] [--keep DIR]

Each format runs in a fresh child process, so that its peak RSS is its own.
CPU times are printed beside wall times: on a shared machine the wall time
depends on what else runs, the CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from assist.generator import generate  # noqa: E402


def _peak_rss_mib() -> float:
    """Peak resident set size of this process, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(persons: int, days: int, fmt: str, out: Path) -> None:
    """Generates one data set and prints the figures."""
    started = time.perf_counter()
    cpu = os.times()

    def progress(message: str) -> None:
        now = os.times()
        print(
            f"  [{time.perf_counter() - started:6.1f}s wall "
            f"{now.user - cpu.user:5.1f}s user {now.system - cpu.system:5.1f}s sys]"
            f" {message}",
            flush=True,
        )

    counts = generate(out, persons=persons, days=days, fmt=fmt, progress=progress)
    elapsed = time.perf_counter() - started
    now = os.times()
    size = sum(path.stat().st_size for path in out.iterdir() if path.is_file())
    print(
        f"{fmt}: {persons:,} persons, {days} days: {elapsed:.1f}s wall, "
        f"{now.user - cpu.user:.1f}s user + {now.system - cpu.system:.1f}s sys CPU, "
        f"{sum(counts.values()):,} rows, {size / 2**20:,.0f} MiB on disk, "
        f"peak RSS {_peak_rss_mib():,.0f} MiB",
        flush=True,
    )
    for table, rows in counts.items():
        print(f"  {table:<20} {rows:>12,}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--format", choices=("csv", "parquet", "both"), default="both")
    parser.add_argument("--keep", type=Path, help="write here instead of a temp dir")
    args = parser.parse_args(argv)
    if args.format == "both":
        code = 0
        for fmt in ("csv", "parquet"):
            command = [sys.executable, __file__, "--format", fmt]
            command += ["--persons", str(args.persons), "--days", str(args.days)]
            if args.keep:
                command += ["--keep", str(args.keep)]
            code = code or subprocess.call(command)
        return code
    if args.keep:
        run(args.persons, args.days, args.format, args.keep / args.format)
    else:
        with tempfile.TemporaryDirectory(prefix="assist-bench-") as tmp:
            run(args.persons, args.days, args.format, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
