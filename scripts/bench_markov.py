"""Benchmark of the data-driven models (markov, shapley) against ChannelAttribution.

python scripts/bench_markov.py [--persons N] [--days N] [--seed N] [--work DIR]
    [--reuse] [--skip-build] [--ncore N] [--nsim N]

Generates a data set (or reuses the one in WORK/data with --reuse), builds it
with `assist build` on DuckDB, and reads dbt's node timings from
run_results.json: the journeys, the Markov stage (transitions + the exact
absorbing-chain solve of every removal effect), the Shapley stage, and the
credits model. Then it gives the same journeys (int_journeys, one row per
journey: its collapsed channel path, converting or not) to the
`ChannelAttribution` package (`pip install '.[bench]'`; benchmark only, never
a runtime dependency): its `markov_model` with order 1, per conversion type,
timed wall-clock, and compares its removal effects (simulation-based) with
ours and with an independent exact numpy solve of the same chain.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import duckdb
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from assist import dbt_invoke  # noqa: E402
from assist.cli import main as assist_main  # noqa: E402
from assist.generator import generate  # noqa: E402
from assist.validate import inspect_data_dir  # noqa: E402

JOURNEY_NODES = ("int_journey_steps", "int_journey_channels", "int_journeys")
MARKOV_NODES = ("int_markov_transitions", "int_markov_removal_effects")
SHAPLEY_NODES = (
    "int_shapley_worths",
    "int_shapley_conversion_channels",
    "int_shapley_values",
)
OTHER_NODES = ("rpt_markov_removal_effects", "fct_attribution_credits")


def node_timings(run_results: Path) -> dict[str, float]:
    """Execution seconds of every model of a dbt run, by model name."""
    results = json.loads(run_results.read_text())["results"]
    return {
        result["unique_id"].split(".")[-1]: result["execution_time"]
        for result in results
        if result["unique_id"].startswith("model.")
    }


def exact_removal_effects(
    paths: list[tuple[list[str], int, int]],
) -> tuple[float, dict[str, float]]:
    """P(conversion) and removal effects of the first-order chain, numpy solve."""
    channels = sorted({c for path, _, _ in paths for c in path})
    index = {c: i + 1 for i, c in enumerate(channels)}
    n = len(channels) + 1
    counts = np.zeros((n, n + 2))
    for path, conversions, nulls in paths:
        state = 0
        for channel in path:
            counts[state, index[channel]] += conversions + nulls
            state = index[channel]
        counts[state, n] += conversions
        counts[state, n + 1] += nulls
    p = counts / counts.sum(axis=1, keepdims=True)

    def solve(removed: str | None) -> float:
        q = p[:, :n].copy()
        if removed is not None:
            q[:, index[removed]] = 0.0
        return float(np.linalg.solve(np.eye(n) - q, p[:, n])[0])

    base = solve(None)
    return base, {c: 1 - solve(c) / base for c in channels}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--work", type=Path, default=Path("target/bench_markov"))
    parser.add_argument("--reuse", action="store_true", help="reuse WORK/data")
    parser.add_argument(
        "--skip-build",
        action="store_true",
        help="reuse WORK/assist.duckdb and its run_results.json (implies --reuse)",
    )
    parser.add_argument("--ncore", type=int, default=1, help="ChannelAttribution")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed repetitions (best is kept)"
    )
    parser.add_argument(
        "--nsim", type=float, default=1e5, help="ChannelAttribution nsim_start"
    )
    args = parser.parse_args()

    work: Path = args.work.resolve()
    data, db = work / "data", work / "assist.duckdb"
    work.mkdir(parents=True, exist_ok=True)
    if not ((args.reuse or args.skip_build) and data.is_dir()):
        started = time.perf_counter()
        generate(data, persons=args.persons, days=args.days, seed=args.seed)
        seconds = time.perf_counter() - started
        print(f"generated {args.persons:,} persons in {seconds:.0f}s")
    os.environ["DBT_TARGET_PATH"] = str(work / "dbt_target")
    os.environ["DBT_LOG_PATH"] = str(work / "dbt_logs")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    build_seconds = float("nan")
    if not args.skip_build:
        if db.exists():
            db.unlink()
        started = time.perf_counter()
        code = assist_main(["build", "--data", str(data), "--db", str(db)])
        build_seconds = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"assist build failed with exit code {code}")
    timings = node_timings(work / "dbt_target" / "run_results.json")

    # The same two models again, alone (one thread, nothing else running in
    # dbt), on the built warehouse: best of `repeat` runs.
    isolated: dict[str, float] = {}
    dbt_vars = json.dumps(inspect_data_dir(str(data)).dbt_vars())
    for _ in range(args.repeat):
        run = dbt_invoke.invoke(
            ["run", "--select", *MARKOV_NODES, "--threads", "1", "--vars", dbt_vars],
            db_path=db,
            show_progress=False,
        )
        if run.exit_code != 0:
            raise SystemExit(f"dbt run of the Markov stage failed: {run.error}")
        for name, seconds in node_timings(
            work / "dbt_target" / "run_results.json"
        ).items():
            isolated[name] = min(seconds, isolated.get(name, float("inf")))

    connection = duckdb.connect(str(db), read_only=True)
    journeys = connection.execute(
        """
        select conversion_type, channel_path,
            count(case when is_converting then 1 end) as conversions,
            count(case when not is_converting then 1 end) as nulls
        from intermediate.int_journeys
        group by conversion_type, channel_path
        """
    ).fetchall()
    ours = {
        (t, c): (effect, probability)
        for t, c, effect, probability in connection.execute(
            """
            select conversion_type, channel, removal_effect,
                conversion_probability
            from marts.rpt_markov_removal_effects
            """
        ).fetchall()
    }
    counts = connection.execute(
        """
        select count(*), count(distinct channel_path),
            count(case when is_converting then 1 end)
        from intermediate.int_journeys
        """
    ).fetchall()[0]
    connection.close()

    import pandas as pd
    from ChannelAttribution import markov_model

    by_type: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for conversion_type, path, conversions, nulls in journeys:
        by_type[conversion_type].append((path.replace(" > ", ">"), conversions, nulls))

    package_seconds = 0.0
    package_vs_ours = 0.0
    numpy_vs_ours = 0.0
    numpy_seconds = 0.0
    for conversion_type, rows in sorted(by_type.items()):
        frame = pd.DataFrame(rows, columns=["path", "conversions", "nulls"])
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            result = markov_model(
                frame,
                "path",
                "conversions",
                var_null="nulls",
                order=1,
                out_more=True,
                sep=">",
                ncore=args.ncore,
                nsim_start=args.nsim,
                seed=0,
                verbose=False,
                flg_pro=False,
            )
            best = min(best, time.perf_counter() - started)
        package_seconds += best
        effects = result["removal_effects"]
        for channel, effect in zip(
            effects["channel_name"], effects["removal_effect"], strict=True
        ):
            package_vs_ours = max(
                package_vs_ours, abs(effect - ours[(conversion_type, channel)][0])
            )
        started = time.perf_counter()
        base, exact = exact_removal_effects(
            [(path.split(">"), c, n) for path, c, n in rows]
        )
        numpy_seconds += time.perf_counter() - started
        for channel, effect in exact.items():
            mine, probability = ours[(conversion_type, channel)]
            numpy_vs_ours = max(
                numpy_vs_ours, abs(effect - mine), abs(base - probability)
            )

    def total(nodes: tuple[str, ...], source: dict[str, float]) -> float:
        return sum(source.get(node, 0.0) for node in nodes)

    in_build = total(MARKOV_NODES, timings)
    alone = total(MARKOV_NODES, isolated)
    print()
    print(f"persons {args.persons:,}; journeys {counts[0]:,}", end=" ")
    print(f"({counts[2]:,} converting, {counts[1]:,} distinct paths)", end=" ")
    print(f"over {len(by_type)} conversion types")
    print(f"assist build (whole project, with tests): {build_seconds:.1f}s")
    print()
    print("| stage | in the build (s) | alone, best of runs (s) |")
    print("|---|---:|---:|")
    for name in JOURNEY_NODES + MARKOV_NODES + SHAPLEY_NODES + OTHER_NODES:
        alone_text = f"{isolated[name]:.2f}" if name in isolated else ""
        print(f"| dbt model `{name}` | {timings.get(name, 0.0):.2f} | {alone_text} |")
    print(f"| **journeys** | {total(JOURNEY_NODES, timings):.2f} | |")
    print(f"| **Markov stage** (transitions + exact solve) | {in_build:.2f} |", end="")
    print(f" {alone:.2f} |")
    print(f"| **Shapley stage** | {total(SHAPLEY_NODES, timings):.2f} | |")
    print(f"| ChannelAttribution `markov_model`, order 1 | | {package_seconds:.2f} |")
    print(f"| numpy exact solve of the same chains | | {numpy_seconds:.2f} |")
    print()
    print("ChannelAttribution / Markov stage: ", end="")
    print(f"{package_seconds / in_build:.1f}x (in the build),", end=" ")
    print(f"{package_seconds / alone:.1f}x (alone)")
    print("max |removal effect| difference, ChannelAttribution vs ours: ", end="")
    print(f"{package_vs_ours:.2e}")
    print("max |removal effect or P(conversion)| difference, numpy vs ours: ", end="")
    print(f"{numpy_vs_ours:.2e}")


if __name__ == "__main__":
    main()
