"""The `assist` command: generate, validate, build and demo."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from assist import dbt_invoke
from assist.dblock import check_database_free, lock_message, run_lock
from assist.dbt_invoke import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from assist.project import UsageError, parse_vars, project_dir, resolve_db_path
from assist.settings import check_settings
from assist.summary import print_json_summary, print_summary
from assist.validate import inspect_data_dir, inspect_for_build, validation_record

console = Console(stderr=True, soft_wrap=True)
results = Console(soft_wrap=True)


def cmd_generate(args: argparse.Namespace) -> int:
    from assist.generator import generate

    out = Path(args.out)
    counts = generate(
        out,
        persons=args.persons,
        days=args.days,
        seed=args.seed,
        fmt=args.format,
        progress=lambda message: console.print(f"[dim]{message}[/dim]"),
        split_by=args.split_by,
    )
    total = sum(counts.values())
    shape = " (dated tables as one file per day)" if args.split_by else ""
    console.print(
        f"wrote {total:,} raw rows for {args.persons:,} persons to {out}{shape}"
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    found = inspect_data_dir(args.data, full_read=True)
    for name, files in found.raw_files.items():
        source = found.raw_sources[name]
        rows = f"{found.row_counts[name]:>12,} rows"
        if not source.is_dir():
            console.print(f"ok  {name:<20} {rows}  {source}")
            continue
        count = f"{len(files):,} file" + ("" if len(files) == 1 else "s")
        console.print(f"ok  {name:<20} {rows}  {source}/ ({count})")
        for path in files:
            console.print(f"      {path.name:<30} {found.file_rows[path]:>12,} rows")
    for name, path in found.config_files.items():
        console.print(f"ok  config {name:<13} {path}")
    console.print(f"{found.root}: every file matches the raw contract")
    return EXIT_OK


def build(
    data: str,
    db: str | None = None,
    target: str | None = None,
    full_refresh: bool = False,
    user_vars: dict[str, Any] | None = None,
    selector: str | None = None,
    as_json: bool = False,
) -> int:
    """Takes the DuckDB file's run lock, validates the settings, the data
    directory and the DuckDB file, then runs `dbt build` and releases the
    lock. Any problem found before dbt runs is a UsageError (exit 2) and
    nothing has been written; so is a run lock held by another run. A Spark
    target has no DuckDB file and takes no lock."""
    db_path = resolve_db_path(db) if target in (None, "duckdb") else None
    with run_lock(db_path) if db_path is not None else nullcontext():
        return _build(data, db_path, target, full_refresh, user_vars, selector, as_json)


def _build(
    data: str,
    db_path: Path | None,
    target: str | None,
    full_refresh: bool,
    user_vars: dict[str, Any] | None,
    selector: str | None,
    as_json: bool,
) -> int:
    user_vars = check_settings(user_vars or {})
    # A scheduled run validates the files that are new or changed since the
    # last build of this database, not every delivery of its history.
    record = validation_record(db_path) if db_path is not None else None
    found = inspect_for_build(data, record, full_refresh)
    if db_path is not None:
        check_database_free(db_path)
    command = ["build"]
    if user_vars:
        command += ["--vars", json.dumps(user_vars)]
    if full_refresh:
        command.append("--full-refresh")
    if selector:
        command += ["--selector", selector]
    console.print(
        f"building {found.root} "
        + (f"into {db_path}" if db_path is not None else f"on target {target}")
    )
    run = dbt_invoke.invoke(
        command,
        target=target,
        db_path=db_path,
        console=console,
        env=found.dbt_env(),
    )
    if as_json:
        print_json_summary(run, db_path)
    if run.error:
        locked = lock_message(db_path, run.error) if db_path is not None else None
        console.print(f"[red]error:[/red] {escape(locked or run.error)}")
        return run.exit_code
    if not as_json:
        print_summary(run, results, db_path)
    return run.exit_code


def cmd_build(args: argparse.Namespace) -> int:
    return build(
        args.data,
        db=args.db,
        target=args.target,
        full_refresh=args.full_refresh,
        user_vars=parse_vars(args.vars),
        selector=args.selector,
        as_json=args.json,
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from assist.generator import generate

    root = project_dir() / "target" / "demo"
    data = root / "data"
    db_path = resolve_db_path(args.db or str(root / "assist.duckdb"))
    # One run lock from the data to the report: a second demo stops at once.
    with run_lock(db_path):
        console.print(
            f"generating a demo data set of {args.persons:,} persons in {data}"
        )
        generate(data, persons=args.persons, days=args.days, seed=args.seed)
        code = build(str(data), db=str(db_path))
        if code == EXIT_OK:
            console.print(f"demo database: {db_path}")
            from assist.report import write_report

            report = write_report(db_path, root / "report.html")
            results.print(f"report: {report}")
    return code


def cmd_report(args: argparse.Namespace) -> int:
    from assist.report import write_report

    report = write_report(resolve_db_path(args.db), Path(args.out))
    results.print(f"report: {report}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from assist.export import export_marts

    exported = export_marts(resolve_db_path(args.db), Path(args.out), args.format)
    for table in exported:
        results.print(f"{table.name:<32} {table.rows:>12,} rows  {table.path}")
    console.print(f"exported {len(exported)} marts as {args.format} to {args.out}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="assist",
        description="The assisted-conversions warehouse: build and explore it.",
    )
    commands = top.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="generate demo data and build it")
    demo.add_argument("--persons", type=int, default=5000)
    demo.add_argument("--days", type=int, default=30)
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--db", help="DuckDB file (default target/demo/assist.duckdb)")
    demo.set_defaults(handler=cmd_demo)

    gen = commands.add_parser("generate", help="write a synthetic raw data set")
    gen.add_argument("--out", required=True, help="directory to write")
    gen.add_argument("--persons", type=int, default=1000)
    gen.add_argument("--days", type=int, default=30)
    gen.add_argument("--seed", type=int, default=42)
    gen.add_argument("--format", choices=("csv", "parquet"), default="csv")
    gen.add_argument(
        "--split-by",
        choices=("day",),
        help="write each dated table (all but campaigns) as a folder <table>/ of "
        "one file per UTC day of the row's timestamp, <YYYY-MM-DD>.<format>, "
        "and undated.<format> for rows whose timestamp is empty or does not "
        "parse (default: one file per table)",
    )
    gen.set_defaults(handler=cmd_generate)

    val = commands.add_parser(
        "validate",
        help="check raw files against the contract",
        description="Checks every raw file of the data directory against the "
        "contract: each raw table is <table>.csv, <table>.parquet or a folder "
        "<table>/ of .csv / .parquet deliveries (every file checked on its "
        "own). Prints each table with its rows and, for a folder, its files.",
    )
    val.add_argument(
        "--data",
        required=True,
        help="data directory (a raw table is a file or a folder of files)",
    )
    val.set_defaults(handler=cmd_validate)

    bld = commands.add_parser("build", help="build every model and run every test")
    bld.add_argument(
        "--data",
        required=True,
        help="data directory (a raw table is a file or a folder of files)",
    )
    bld.add_argument(
        "--db",
        help="DuckDB file (default: ASSIST_DUCKDB_PATH, else target/assist.duckdb)",
    )
    bld.add_argument("--target", help="dbt target (duckdb, spark)")
    bld.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild the incremental models from scratch",
    )
    bld.add_argument("--vars", help="settings as a JSON object")
    bld.add_argument(
        "--selector",
        help="build only a selection of selectors.yml (full, daily, reports)",
    )
    bld.add_argument(
        "--json",
        action="store_true",
        help="print a machine-readable summary (per node status, rows, time)",
    )
    bld.set_defaults(handler=cmd_build)

    db_help = "DuckDB file (default: ASSIST_DUCKDB_PATH, else target/assist.duckdb)"
    rep = commands.add_parser("report", help="write the HTML report of a build")
    rep.add_argument("--db", help=db_help)
    rep.add_argument("--out", required=True, help="HTML file to write")
    rep.set_defaults(handler=cmd_report)

    exp = commands.add_parser("export", help="write every mart as Parquet or CSV")
    exp.add_argument("--format", choices=("parquet", "csv"), required=True)
    exp.add_argument("--out", required=True, help="directory to write")
    exp.add_argument("--db", help=db_help)
    exp.set_defaults(handler=cmd_export)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except UsageError as error:
        console.print(f"[red]error:[/red] {escape(str(error))}")
        return EXIT_USAGE
    except OSError as error:  # a file or folder the user named: no stack trace
        console.print(f"[red]error:[/red] {escape(str(error))}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        console.print("[red]interrupted[/red]")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
