"""Runs dbt in-process through dbtRunner, showing progress per node."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dbt.cli.main import dbtRunner
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from assist.project import project_dir

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass
class NodeResult:
    unique_id: str
    resource_type: str
    name: str
    status: str
    seconds: float
    relation: str | None = None
    message: str | None = None
    failures: int | None = None


@dataclass
class DbtRun:
    exit_code: int
    seconds: float
    nodes: list[NodeResult] = field(default_factory=list)
    error: str | None = None


def _node_results(result: Any) -> list[NodeResult]:
    nodes: list[NodeResult] = []
    for item in getattr(result, "results", None) or []:
        node = item.node
        relation = getattr(node, "relation_name", None)
        nodes.append(
            NodeResult(
                unique_id=node.unique_id,
                resource_type=str(node.resource_type),
                name=node.name,
                status=str(item.status),
                seconds=float(item.execution_time or 0.0),
                relation=relation,
                message=item.message,
                failures=item.failures,
            )
        )
    return nodes


def _release_duckdb() -> None:
    """Closes the DuckDB file dbt-duckdb keeps open in this process, so the
    runner (and other processes) can open it after the build."""
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:
        return
    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
        DuckDBConnectionManager.close_all_connections()


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """Sets environment variables for the duration of a block (one dbt
    call), then restores what was there."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def invoke(
    command: list[str],
    *,
    target: str | None = None,
    db_path: Path | None = None,
    console: Console | None = None,
    show_progress: bool = True,
    env: Mapping[str, str] | None = None,
) -> DbtRun:
    """Runs one dbt command on this project and maps its outcome to an exit code.

    0: every node succeeded; 1: a model or test failed; 2: dbt could not run
    (a compilation or input error, reported with its message). `env` is set
    in the environment while dbt runs (the data directory's files).
    """
    console = console or Console(stderr=True)
    root = project_dir()
    args = [
        *command,
        "--project-dir",
        str(root),
        "--profiles-dir",
        str(root),
        "--quiet",
    ]
    if target:
        args += ["--target", target]
    if db_path is not None:
        os.environ["ASSIST_DUCKDB_PATH"] = str(db_path)
    os.environ.setdefault("DO_NOT_TRACK", "1")

    started = time.monotonic()
    progress = Progress(
        TextColumn("[bold]dbt {task.fields[step]}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=not show_progress,
        transient=True,
    )
    task = progress.add_task("", total=None, step=command[0])

    def on_event(event: Any) -> None:
        name = event.info.name
        if name == "ConcurrencyLine":
            progress.update(task, total=int(event.data.node_count))
        elif name == "NodeStart":
            progress.update(task, description=event.data.node_info.node_name)
        elif name == "NodeFinished":
            info = event.data.node_info
            progress.advance(task)
            if info.node_status in ("error", "fail"):
                progress.console.print(
                    f"[red]{info.node_status}[/red] {info.resource_type} "
                    f"{info.node_name}"
                )

    with progress, environment(env or {}):
        runner = dbtRunner(callbacks=[on_event])
        result = runner.invoke(args)
    seconds = time.monotonic() - started
    _release_duckdb()
    if result.exception is not None:
        return DbtRun(EXIT_USAGE, seconds, error=str(result.exception).strip())
    nodes = _node_results(result.result)
    return DbtRun(EXIT_OK if result.success else EXIT_FAILED, seconds, nodes)
