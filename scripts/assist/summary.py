"""The table printed at the end of a build: rows per model, tests, time."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

from assist.dbt_invoke import DbtRun


def relation_row_counts(db_path: Path, relations: list[str]) -> dict[str, int]:
    """Row counts of the built relations, read from the DuckDB file."""
    counts: dict[str, int] = {}
    if not relations or not db_path.exists():
        return counts
    connection = duckdb.connect(str(db_path))
    try:
        for relation in relations:
            try:
                row = connection.execute(f"select count(*) from {relation}").fetchone()
                counts[relation] = int(row[0]) if row else 0
            except duckdb.Error:
                continue
    finally:
        connection.close()
    return counts


def summary_record(run: DbtRun, db_path: Path | None) -> dict[str, Any]:
    """The build summary as plain data, for `assist build --json`.

    `rows` is the row count of a model's relation after the build (DuckDB
    only, else null); `failures` the failing row count of a test.
    """
    relations = [
        n.relation
        for n in run.nodes
        if n.relation and n.resource_type in ("model", "seed")
    ]
    counts = relation_row_counts(db_path, relations) if db_path is not None else {}
    outcome = Counter(node.status for node in run.nodes)
    return {
        "exit_code": run.exit_code,
        "seconds": round(run.seconds, 3),
        "error": run.error,
        "database": str(db_path) if db_path is not None else None,
        "statuses": dict(sorted(outcome.items())),
        "nodes": [
            {
                "unique_id": node.unique_id,
                "resource_type": node.resource_type,
                "name": node.name,
                "status": node.status,
                "seconds": round(node.seconds, 3),
                "rows": counts.get(node.relation or ""),
                "failures": node.failures,
                "message": node.message,
            }
            for node in run.nodes
        ],
    }


def print_json_summary(run: DbtRun, db_path: Path | None) -> None:
    """Prints the build summary as one JSON document on standard output."""
    print(json.dumps(summary_record(run, db_path), indent=2))


def print_summary(run: DbtRun, console: Console, db_path: Path | None) -> None:
    models = [node for node in run.nodes if node.resource_type in ("model", "seed")]
    tests = [node for node in run.nodes if node.resource_type in ("test", "unit_test")]
    counts = (
        relation_row_counts(db_path, [n.relation for n in models if n.relation])
        if db_path is not None
        else {}
    )
    table = Table(title="Build summary", show_lines=False)
    table.add_column("model")
    table.add_column("status")
    table.add_column("rows", justify="right")
    table.add_column("seconds", justify="right")
    for node in sorted(models, key=lambda n: n.name):
        rows = counts.get(node.relation or "")
        table.add_row(
            node.name,
            node.status,
            f"{rows:,}" if rows is not None else "",
            f"{node.seconds:.2f}",
        )
    console.print(table)
    outcome = Counter(node.status for node in tests)
    console.print(
        f"tests: {outcome.get('pass', 0)} passed, {outcome.get('fail', 0)} failed, "
        f"{outcome.get('error', 0)} errored, {outcome.get('warn', 0)} warned; "
        f"total time {run.seconds:.1f} s"
    )
    for node in run.nodes:
        if node.status in ("error", "fail"):
            console.print(f"[red]{node.status}[/red] {node.name}: {node.message}")
