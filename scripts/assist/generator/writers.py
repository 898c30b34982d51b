"""Writers: each table to CSV or Parquet, in a background thread.

CSV is written by pyarrow without quotes, except the rows whose injected raw
text needs them; Parquet with snappy compression and no pandas schema, so the
same data gives the same bytes. A table split by day (`deliveries`) is a
folder of such files, one per day, each with the header.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from assist.generator.contract import TABLE_COLUMNS
from assist.generator.defects import Injected, apply_defects
from assist.generator.deliveries import day_parts, is_split


def _write(path: Path, table: pa.Table, fmt: str, quoted: np.ndarray) -> None:
    if fmt == "parquet":
        pq.write_table(table, path, compression="snappy", store_schema=False)
        return
    plain = pacsv.WriteOptions(include_header=False, quoting_style="none")
    needed = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    with pa.OSFile(str(path), "wb") as sink:
        sink.write((",".join(table.column_names) + "\n").encode())
        previous = 0
        for row in quoted.tolist():
            if row > previous:
                pacsv.write_csv(table.slice(previous, row - previous), sink, plain)
            pacsv.write_csv(table.slice(row, 1), sink, needed)
            previous = row + 1
        if previous < table.num_rows:
            pacsv.write_csv(table.slice(previous), sink, plain)


@dataclass
class Writer:
    """Writes each table in a background thread while the next is simulated
    (pyarrow releases the GIL); at most one table waits in memory."""

    out_dir: Path
    fmt: str
    progress: Callable[[str], None]
    split_by: str | None = None
    rows: dict[str, int] = field(default_factory=dict)
    injected: dict[str, Injected] = field(default_factory=dict)
    _pool: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1)
    )
    _pending: Future[None] | None = None

    def write(
        self,
        table: str,
        columns: dict[str, pa.Array],
        defect: np.ndarray,
        stats: Injected,
    ) -> None:
        quoted = apply_defects(table, columns, defect)
        names = TABLE_COLUMNS[table]
        missing = [name for name in names if name not in columns]
        if missing:
            raise RuntimeError(f"generator bug: {table} lacks columns {missing}")
        arrow = pa.table([columns[name] for name in names], names=list(names))
        columns.clear()
        self.rows[table] = arrow.num_rows
        self.injected[table] = stats
        self.wait()
        self._pending = self._pool.submit(self._write, table, arrow, quoted)

    def _write(self, table: str, arrow: pa.Table, quoted: np.ndarray) -> None:
        started = time.perf_counter()
        if is_split(table, self.split_by):
            files = 0
            for day, part, part_quoted in day_parts(table, arrow, quoted):
                self._write_file(f"{table}/{day}.{self.fmt}", part, part_quoted)
                files += 1
            name = f"{table}/ ({files} files)"
        else:
            name = f"{table}.{self.fmt}"
            self._write_file(name, arrow, quoted)
        self.progress(
            f"wrote {name}: {arrow.num_rows:,} rows "
            f"({time.perf_counter() - started:.1f}s)"
        )

    def _write_file(self, name: str, arrow: pa.Table, quoted: np.ndarray) -> None:
        path = self.out_dir / name
        try:
            _write(path, arrow, self.fmt, quoted)
        except OSError as error:
            raise OSError(f"generate: cannot write {path}: {error}") from error

    def wait(self) -> None:
        """Waits for the table being written (and raises its error)."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            self._pool.shutdown(wait=True)
