"""Builds the project on DuckDB and on Spark and compares every model.

`python -m assist.parity --data DIR` builds the data directory twice through
dbtRunner (a temporary DuckDB file; an in-process Spark session with its
metastore and warehouse in a temporary folder), then reads every model of the
project (tables, views and incremental models of the manifest) from both and
compares them row for row: same columns, same row count, rows sorted by every
column, floats within 1e-9, timestamps to the microsecond, text exactly
(columns a model's YAML marks `meta: {engine_specific: true}`, such as
hashes, are left out). It also reports tests or models that passed on DuckDB
but not on Spark (failed, skipped or disabled there). Exit code 0 when both
warehouses are the same, 1 when anything differs or a build fails, 2 on a
usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from assist import dbt_invoke
from assist.dbt_invoke import EXIT_FAILED, EXIT_OK, EXIT_USAGE, DbtRun, environment
from assist.project import UsageError, parse_vars
from assist.validate import inspect_data_dir

FLOAT_TOLERANCE = 1e-9
COMPARED_MATERIALIZATIONS = ("table", "view", "incremental")
SPARK_DIR_VARIABLE = "ASSIST_SPARK_DIR"
DUCKDB_PATH_VARIABLE = "ASSIST_DUCKDB_PATH"
EXAMPLES_PER_MODEL = 5


@dataclass(frozen=True)
class ModelRelation:
    """One model of a build: its name and the relation it was built as."""

    name: str
    schema: str
    identifier: str
    materialized: str
    # columns declared `meta: {engine_specific: true}` in the model's YAML
    # (values that differ between engines by design, such as hashes); the
    # comparison leaves them out and says so
    engine_specific: tuple[str, ...] = ()


@dataclass
class TableData:
    """A model read back from one engine: column names, kinds and rows.

    Kinds are engine-neutral: string, integer, float, decimal, boolean, date,
    timestamp (read as microseconds since the epoch, UTC) or other.
    """

    columns: list[str]
    kinds: list[str]
    rows: list[tuple[Any, ...]]


@dataclass
class ModelDiff:
    model: str
    problems: list[str]


@dataclass
class ParityReport:
    models: list[str] = field(default_factory=list)
    diffs: list[ModelDiff] = field(default_factory=list)
    build_problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duckdb_seconds: float = 0.0
    spark_seconds: float = 0.0
    compare_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.diffs and not self.build_problems

    def render(self) -> str:
        lines = [
            f"parity: {len(self.models)} models compared "
            f"(DuckDB build {self.duckdb_seconds:.1f}s, "
            f"Spark build {self.spark_seconds:.1f}s, "
            f"comparison {self.compare_seconds:.1f}s)"
        ]
        for problem in self.build_problems:
            lines.append(f"  build: {problem}")
        for note in self.notes:
            lines.append(f"  note: {note}")
        for diff in self.diffs:
            lines.append(f"  MISMATCH {diff.model}")
            lines.extend(f"    {problem}" for problem in diff.problems)
        lines.append(
            "parity: OK, DuckDB and Spark built the same warehouse"
            if self.ok
            else f"parity: FAILED ({len(self.diffs)} models differ, "
            f"{len(self.build_problems)} build problems)"
        )
        return "\n".join(lines)


# --- manifest ----------------------------------------------------------------


def models_of(manifest_path: Path) -> dict[str, ModelRelation]:
    """Every model of the project built as a relation, by model name."""
    with open(manifest_path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    project = manifest.get("metadata", {}).get("project_name")
    models: dict[str, ModelRelation] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        if project and node.get("package_name") != project:
            continue
        materialized = node["config"].get("materialized")
        if materialized not in COMPARED_MATERIALIZATIONS:
            continue
        if not node["config"].get("enabled", True):
            continue
        models[node["name"]] = ModelRelation(
            name=node["name"],
            schema=node["schema"],
            identifier=node.get("alias") or node["name"],
            materialized=materialized,
            engine_specific=tuple(
                sorted(
                    column.lower()
                    for column, spec in (node.get("columns") or {}).items()
                    if (spec.get("meta") or {}).get("engine_specific")
                    or ((spec.get("config") or {}).get("meta") or {}).get(
                        "engine_specific"
                    )
                )
            ),
        )
    return dict(sorted(models.items()))


def without_columns(table: TableData, columns: Sequence[str]) -> TableData:
    """The table without the named columns (lower-case names)."""
    keep = [i for i, name in enumerate(table.columns) if name.lower() not in columns]
    return TableData(
        [table.columns[i] for i in keep],
        [table.kinds[i] for i in keep],
        [tuple(row[i] for i in keep) for row in table.rows],
    )


# --- reading -----------------------------------------------------------------


def _duckdb_kind(data_type: str) -> str:
    text = data_type.upper()
    if text.endswith("]") or text.startswith(("STRUCT", "MAP", "UNION")):
        return "other"
    if text.startswith("TIMESTAMP"):
        return "timestamp"
    if text.startswith("DECIMAL") or text.startswith("NUMERIC"):
        return "decimal"
    if text in ("DOUBLE", "FLOAT", "REAL"):
        return "float"
    if text in (
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
        "UHUGEINT",
    ):
        return "integer"
    if text == "BOOLEAN":
        return "boolean"
    if text == "DATE":
        return "date"
    if text in ("VARCHAR", "TEXT", "STRING") or text.startswith("VARCHAR"):
        return "string"
    return "other"


def _spark_kind(data_type: Any) -> str:
    name = type(data_type).__name__
    return {
        "StringType": "string",
        "VarcharType": "string",
        "CharType": "string",
        "ByteType": "integer",
        "ShortType": "integer",
        "IntegerType": "integer",
        "LongType": "integer",
        "FloatType": "float",
        "DoubleType": "float",
        "DecimalType": "decimal",
        "BooleanType": "boolean",
        "DateType": "date",
        "TimestampType": "timestamp",
        "TimestampNTZType": "timestamp",
    }.get(name, "other")


def read_duckdb_tables(
    db_path: Path, models: Mapping[str, ModelRelation]
) -> dict[str, TableData]:
    """Reads the models from a DuckDB file (timestamps as epoch microseconds)."""
    tables: dict[str, TableData] = {}
    connection = duckdb.connect(str(db_path), read_only=True)
    try:
        for name, model in models.items():
            described = connection.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? "
                "order by ordinal_position",
                [model.schema, model.identifier],
            ).fetchall()
            if not described:
                continue
            columns = [str(column) for column, _ in described]
            kinds = [_duckdb_kind(str(data_type)) for _, data_type in described]
            selects = [
                f'epoch_us("{column}")' if kind == "timestamp" else f'"{column}"'
                for column, kind in zip(columns, kinds, strict=True)
            ]
            rows = connection.execute(
                f"select {', '.join(selects)} "
                f'from "{model.schema}"."{model.identifier}"'
            ).fetchall()
            tables[name] = TableData(columns, kinds, [tuple(row) for row in rows])
    finally:
        connection.close()
    return tables


def read_spark_tables(
    models: Mapping[str, ModelRelation], spark: Any = None
) -> dict[str, TableData]:
    """Reads the models through a Spark session (by default the one dbt-spark's
    `session` method created in this process), timestamps as epoch micros."""
    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.getOrCreate()
    tables: dict[str, TableData] = {}
    for name, model in models.items():
        relation = f"`{model.schema}`.`{model.identifier}`"
        if not spark.catalog.tableExists(f"{model.schema}.{model.identifier}"):
            continue
        schema = spark.table(relation).schema
        columns = [column.name for column in schema.fields]
        kinds = [_spark_kind(column.dataType) for column in schema.fields]
        selects = [
            f"unix_micros(cast(`{column}` as timestamp))"
            if kind == "timestamp"
            else f"`{column}`"
            for column, kind in zip(columns, kinds, strict=True)
        ]
        rows = spark.sql(f"select {', '.join(selects)} from {relation}").collect()
        tables[name] = TableData(columns, kinds, [_plain(tuple(row)) for row in rows])
    return tables


def _plain(value: Any) -> Any:
    """Spark Rows and DuckDB structs as plain dicts, lists as lists."""
    if hasattr(value, "asDict"):
        return {key: _plain(item) for key, item in value.asDict().items()}
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


# --- comparing ---------------------------------------------------------------


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _sort_key(value: Any) -> tuple[Any, ...]:
    """A total order over one column's values; floats rounded so that values
    within the tolerance sort alike."""
    value = _number(value)
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return (1, math.inf, 1)
        return (1, float(f"{value:.9g}"), 0)
    if isinstance(value, int):
        return (1, value, 0)
    if isinstance(value, (dt.date, dt.datetime)):
        return (2, value.isoformat())
    if isinstance(value, str):
        return (3, value)
    return (4, json.dumps(value, sort_keys=True, default=str))


def _row_key(row: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(_sort_key(value) for value in row)


def values_equal(left: Any, right: Any, tolerance: float = FLOAT_TOLERANCE) -> bool:
    """Equal, with floats (and decimals) within `tolerance` (relative for
    large values), NaN equal to NaN, and lists and dicts compared by item."""
    left, right = _number(left), _number(right)
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, bool) or isinstance(right, bool):
        return left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        if isinstance(left, float) and math.isnan(left):
            return isinstance(right, float) and math.isnan(right)
        return math.isclose(left, right, rel_tol=tolerance, abs_tol=tolerance)
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        return len(left) == len(right) and all(
            values_equal(a, b, tolerance) for a, b in zip(left, right, strict=True)
        )
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(
            values_equal(left[key], right[key], tolerance) for key in left
        )
    return left == right


def _show(value: Any, kind: str) -> str:
    if value is not None and kind == "timestamp" and isinstance(value, int):
        moment = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=value)
        return moment.isoformat(sep=" ")
    return repr(value)


def _unmatched(
    rows: Sequence[tuple[Any, ...]], others: Sequence[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """The rows of `rows` beyond the copies `others` has (floats rounded)."""
    left = Counter(_row_key(row) for row in rows)
    right = Counter(_row_key(row) for row in others)
    extra = left - right
    unmatched = []
    for row in rows:
        key = _row_key(row)
        if extra[key] > 0:
            extra[key] -= 1
            unmatched.append(row)
    return unmatched


def compare_tables(
    duck: TableData, spark: TableData, tolerance: float = FLOAT_TOLERANCE
) -> list[str]:
    """What differs between one model read from DuckDB and from Spark."""
    problems: list[str] = []
    duck_columns = [column.lower() for column in duck.columns]
    spark_columns = [column.lower() for column in spark.columns]
    if duck_columns != spark_columns:
        problems.append(
            f"columns differ: DuckDB {duck_columns} / Spark {spark_columns}"
        )
    common = [column for column in duck_columns if column in spark_columns]
    duck_index = [duck_columns.index(column) for column in common]
    spark_index = [spark_columns.index(column) for column in common]
    kinds = [duck.kinds[index] for index in duck_index]
    for column, left, right in zip(
        common,
        kinds,
        [spark.kinds[index] for index in spark_index],
        strict=True,
    ):
        if left != right:
            problems.append(f"column {column}: DuckDB {left}, Spark {right}")

    duck_rows = sorted(
        (tuple(row[i] for i in duck_index) for row in duck.rows), key=_row_key
    )
    spark_rows = sorted(
        (tuple(row[i] for i in spark_index) for row in spark.rows), key=_row_key
    )
    if len(duck_rows) != len(spark_rows):
        problems.append(
            f"row count differs: DuckDB {len(duck_rows)}, Spark {len(spark_rows)}"
        )
        for label, rows in (
            ("only on DuckDB", _unmatched(duck_rows, spark_rows)),
            ("only on Spark", _unmatched(spark_rows, duck_rows)),
        ):
            for row in rows[:EXAMPLES_PER_MODEL]:
                shown = ", ".join(
                    f"{column}={_show(value, kind)}"
                    for column, value, kind in zip(common, row, kinds, strict=True)
                )
                problems.append(f"{label}: {shown}")
        return problems

    differing = 0
    for number, (left, right) in enumerate(zip(duck_rows, spark_rows, strict=True)):
        columns = [
            (column, a, b, kind)
            for column, a, b, kind in zip(common, left, right, kinds, strict=True)
            if not values_equal(a, b, tolerance)
        ]
        if not columns:
            continue
        differing += 1
        if differing <= EXAMPLES_PER_MODEL:
            shown = "; ".join(
                f"{column}: DuckDB {_show(a, kind)} / Spark {_show(b, kind)}"
                for column, a, b, kind in columns
            )
            problems.append(f"sorted row {number + 1}: {shown}")
    if differing:
        problems.append(f"{differing} of {len(duck_rows)} sorted rows differ")
    return problems


def compare_databases(
    duckdb_path: Path,
    spark_tables: Mapping[str, TableData],
    models: Mapping[str, ModelRelation],
    spark_models: Mapping[str, ModelRelation] | None = None,
    tolerance: float = FLOAT_TOLERANCE,
) -> list[ModelDiff]:
    """Compares every model of the DuckDB build (read from `duckdb_path`)
    with the same model read from Spark (`spark_tables`, by model name)."""
    duck_tables = read_duckdb_tables(duckdb_path, models)
    diffs: list[ModelDiff] = []
    names = sorted(set(models) | set(spark_models or {}))
    for name in names:
        if name not in models:
            diffs.append(ModelDiff(name, ["model only in the Spark build"]))
            continue
        if spark_models is not None and name not in spark_models:
            diffs.append(ModelDiff(name, ["model only in the DuckDB build"]))
            continue
        duck = duck_tables.get(name)
        spark = spark_tables.get(name)
        if duck is None or spark is None:
            missing = [
                engine
                for engine, table in (("DuckDB", duck), ("Spark", spark))
                if table is None
            ]
            diffs.append(ModelDiff(name, [f"not built on {' and '.join(missing)}"]))
            continue
        ignored = models[name].engine_specific
        if ignored:
            duck, spark = (
                without_columns(duck, ignored),
                without_columns(spark, ignored),
            )
        problems = compare_tables(duck, spark, tolerance)
        if problems:
            diffs.append(ModelDiff(name, problems))
    return diffs


# --- building ----------------------------------------------------------------


def _build(
    target: str,
    work: Path,
    dbt_vars: Mapping[str, Any],
    with_tests: bool,
    db_path: Path | None = None,
    exclude: Sequence[str] = (),
    unit_tests: bool = True,
) -> DbtRun:
    if not with_tests:
        skip_tests = ["--exclude-resource-type", "test", "unit_test"]
    elif not unit_tests:
        skip_tests = ["--exclude-resource-type", "unit_test"]
    else:
        skip_tests = []
    excluded = ["--exclude", *exclude] if exclude else []
    args = [
        "build",
        *skip_tests,
        *excluded,
        "--full-refresh",
        "--vars",
        json.dumps(dbt_vars),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    return dbt_invoke.invoke(args, target=target, db_path=db_path, show_progress=False)


def _passed(run: DbtRun) -> set[str]:
    return {node.unique_id for node in run.nodes if node.status in ("success", "pass")}


def one_test_per_kind(manifest_path: Path) -> list[str]:
    """The data tests to leave out on Spark when it runs one data test of
    each kind: every generic test but the first (by unique_id) of each test
    macro; singular tests all run. The names are dbt node names, for
    `--exclude`."""
    nodes = json.loads(manifest_path.read_text())["nodes"].values()
    seen: set[str] = set()
    left_out: list[str] = []
    tests = (node for node in nodes if node["resource_type"] == "test")
    for node in sorted(tests, key=lambda node: node["unique_id"]):
        kind = (node.get("test_metadata") or {}).get("name")
        if kind is None:
            continue
        if kind in seen:
            left_out.append(node["name"])
        seen.add(kind)
    return left_out


def _build_problems(
    duck_run: DbtRun, spark_run: DbtRun, left_out: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """Failed builds and nodes that passed on DuckDB but failed, were
    skipped or did not run (disabled there) on Spark (problems), and notes
    (none so far: a node disabled on Spark is a problem, not a note). Nodes
    named in `left_out` were not asked of Spark."""
    problems: list[str] = []
    for engine, run in (("DuckDB", duck_run), ("Spark", spark_run)):
        if run.error:
            problems.append(f"{engine} build could not run: {run.error}")
        elif run.exit_code != EXIT_OK:
            failed = [
                f"{node.name} ({node.status})"
                for node in run.nodes
                if node.unique_id not in _passed(run)
                and "skip" not in node.status.lower()
            ]
            problems.append(
                f"{engine} build failed: {', '.join(failed) or 'see its log'}"
            )
    on_spark = {node.unique_id for node in spark_run.nodes}
    not_asked = set(left_out)
    asked = {node.unique_id for node in duck_run.nodes if node.name not in not_asked}
    only_duck = sorted((_passed(duck_run) & asked) - _passed(spark_run))
    not_passed = [node for node in only_duck if node in on_spark]
    disabled = [node for node in only_duck if node not in on_spark]
    if not_passed:
        problems.append("passed on DuckDB but not on Spark: " + ", ".join(not_passed))
    if disabled and spark_run.nodes:
        problems.append(
            "passed on DuckDB, not run on Spark (disabled there): "
            + ", ".join(disabled)
        )
    return problems, []


def run_parity(
    data_dir: str | Path,
    work_dir: str | Path | None = None,
    dbt_vars: Mapping[str, Any] | None = None,
    with_tests: bool = True,
    log: Any = None,
    spark_data_tests: str = "all",
    duckdb_unit_tests: bool = True,
) -> ParityReport:
    """Builds `data_dir` on DuckDB and on Spark under `work_dir` (a temporary
    folder, removed afterwards, when None) and compares every model. A fixed
    `build_at` (now) is passed to both builds unless `dbt_vars` sets one.
    `spark_data_tests="one_per_kind"` runs on Spark one data test of each
    test macro (and every singular and unit test) instead of all of them:
    whether each test's SQL runs on Spark, at a fraction of the time (the
    models are compared row for row all the same). `duckdb_unit_tests=False`
    leaves the unit tests out of the DuckDB build (where another build runs
    them, as in CI); they run on Spark all the same, and must pass."""
    say = log or (lambda message: print(message, file=sys.stderr, flush=True))
    found = inspect_data_dir(data_dir)
    build_at = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    all_vars = {"build_at": build_at, **(dbt_vars or {}), **found.dbt_vars()}
    owned = work_dir is None
    work = Path(work_dir or tempfile.mkdtemp(prefix="assist-parity-")).resolve()
    report = ParityReport()
    try:
        duck_work, spark_work = work / "duckdb", work / "spark"
        for folder in (duck_work, spark_work):
            folder.mkdir(parents=True, exist_ok=True)
        db_path = duck_work / "assist.duckdb"

        say(f"parity: building {found.root} on DuckDB ({db_path})")
        started = time.monotonic()
        with environment({DUCKDB_PATH_VARIABLE: str(db_path)}):
            duck_run = _build(
                "duckdb",
                duck_work,
                all_vars,
                with_tests,
                db_path=db_path,
                unit_tests=duckdb_unit_tests,
            )
        report.duckdb_seconds = time.monotonic() - started

        say(f"parity: building {found.root} on Spark ({spark_work / 'warehouse'})")
        started = time.monotonic()
        with environment({SPARK_DIR_VARIABLE: str(spark_work)}):
            left_out: list[str] = []
            duck_manifest_path = duck_work / "target" / "manifest.json"
            if spark_data_tests == "one_per_kind" and duck_manifest_path.is_file():
                left_out = one_test_per_kind(duck_manifest_path)
            spark_run = _build(
                "spark", spark_work, all_vars, with_tests, exclude=left_out
            )
        report.spark_seconds = time.monotonic() - started
        report.build_problems, report.notes = _build_problems(
            duck_run, spark_run, left_out
        )

        duck_manifest = duck_work / "target" / "manifest.json"
        spark_manifest = spark_work / "target" / "manifest.json"
        if not duck_manifest.is_file() or not spark_manifest.is_file():
            report.build_problems.append("a build wrote no manifest.json")
            return report
        models = models_of(duck_manifest)
        spark_models = models_of(spark_manifest)
        report.models = sorted(set(models) | set(spark_models))

        say(f"parity: comparing {len(report.models)} models")
        started = time.monotonic()
        try:
            spark_tables = read_spark_tables(spark_models)
        except Exception as error:  # no JVM, no session: report, don't crash
            first_line = (str(error).strip().splitlines() or [repr(error)])[0]
            report.build_problems.append(f"cannot read the Spark tables: {first_line}")
            return report
        report.diffs = compare_databases(db_path, spark_tables, models, spark_models)
        report.compare_seconds = time.monotonic() - started
        return report
    finally:
        if owned:
            shutil.rmtree(work, ignore_errors=True)


# --- command line ------------------------------------------------------------


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assist.parity",
        description="Build a data directory on DuckDB and on Spark and compare "
        "every model row for row.",
    )
    parser.add_argument("--data", required=True, help="raw data directory")
    parser.add_argument(
        "--work", help="folder for both builds (default: a temporary folder)"
    )
    parser.add_argument("--vars", help="settings as a JSON object")
    parser.add_argument(
        "--skip-tests",
        action="store_true",
        help="build seeds and models only (no data or unit tests)",
    )
    parser.add_argument(
        "--spark-data-tests",
        choices=("all", "one_per_kind"),
        default="all",
        help="on Spark, run every data test, or one of each test macro",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        report = run_parity(
            args.data,
            work_dir=args.work,
            dbt_vars=parse_vars(args.vars),
            with_tests=not args.skip_tests,
            spark_data_tests=args.spark_data_tests,
        )
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(report.render())
    return EXIT_OK if report.ok else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
