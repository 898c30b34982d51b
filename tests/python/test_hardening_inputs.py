"""Hardening: files that break the raw contract stop `assist build` with exit
code 2 and a message naming the file and the problem, before anything is
written (no DuckDB file created, an existing one unchanged, dbt never
started), and never with a stack trace.

One small generated data set is written once for the module; each case
corrupts a copy of it. (Bad values, as opposed to bad files, are quarantined:
see test_hardening_builds.py.)"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from assist.generator import generate

SEED = 7


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("hardening_inputs") / "data"
    generate(data, persons=60, days=5, seed=SEED)
    return data


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _truncate_mid_line(data: Path) -> Path:
    path = data / "web_events.csv"
    text = path.read_text(encoding="utf-8")
    cut = text.index("\n", len(text) // 2) + 20
    path.write_text(text[:cut], encoding="utf-8")
    return path


def _truncate_in_quotes(data: Path) -> Path:
    path = data / "orders.csv"
    lines = _lines(path)
    path.write_text("".join(lines) + 'o_cut,2026-10-30,"u1', encoding="utf-8")
    return path


def _semicolons(data: Path) -> Path:
    path = data / "message_events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"))
    return path


def _tabs(data: Path) -> Path:
    path = data / "app_events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", "\t"))
    return path


def _latin1(data: Path) -> Path:
    path = data / "web_events.csv"
    lines = _lines(path)
    lines[5] = lines[5].replace("https://", "https://caf\u00e9.", 1)
    path.write_bytes("".join(lines).encode("latin-1"))
    return path


def _utf16(data: Path) -> Path:
    path = data / "orders.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return path


def _empty(data: Path) -> Path:
    path = data / "consents.csv"  # optional tables need a header too
    path.write_bytes(b"")
    return path


def _blank_header(data: Path) -> Path:
    path = data / "app_events.csv"
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _duplicate_column(data: Path) -> Path:
    path = data / "message_events.csv"
    lines = _lines(path)
    lines[0] = lines[0].replace("user_id", "EVENT_AT")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _missing_column(data: Path) -> Path:
    path = data / "web_events.csv"
    lines = _lines(path)
    lines[0] = lines[0].replace("anonymous_id", "anon_id")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _extra_field(data: Path) -> Path:
    path = data / "orders.csv"
    lines = _lines(path)
    lines.insert(3, lines[2].rstrip("\r\n") + ",surplus\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _huge_line(data: Path) -> Path:
    path = data / "web_events.csv"
    lines = _lines(path)
    lines.insert(2, lines[1].replace("https://", "https://" + "x" * 3_000_000, 1))
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _gzipped(data: Path) -> Path:
    path = data / "app_events.csv"
    path.write_bytes(gzip.compress(path.read_bytes()))
    return path


def _workbook(data: Path) -> Path:
    path = data / "orders.csv"
    text = path.read_text(encoding="utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", text)
    return path


def _broken_parquet(data: Path) -> Path:
    (data / "campaigns.csv").unlink()
    path = data / "campaigns.parquet"
    path.write_bytes(b"PAR1 this is not parquet PAR1")
    return path


def _parquet_missing_column(data: Path) -> Path:
    source = data / "orders.csv"
    path = data / "orders.parquet"
    connection = duckdb.connect()
    connection.execute(
        f"copy (select * exclude (status) from read_csv('{source}', "
        f"all_varchar = true)) to '{path}' (format parquet)"
    )
    connection.close()
    source.unlink()
    return path


def _broken_config(data: Path) -> Path:
    (data / "config").mkdir()
    path = data / "config" / "channel_rules.csv"
    path.write_text("channel;pattern\napp_push;x\n", encoding="utf-8")
    return path


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "truncated mid-line": (_truncate_mid_line, "fields but the header has"),
    "truncated in a quoted value": (_truncate_in_quotes, "never closed"),
    "semicolon delimiter": (_semicolons, "separated by semicolons"),
    "tab delimiter": (_tabs, "separated by tabs"),
    "latin-1 encoding": (_latin1, "line 6 is not UTF-8"),
    "utf-16 encoding": (_utf16, "UTF-16"),
    "empty file (0 bytes)": (_empty, "empty (0 bytes)"),
    "blank header line": (_blank_header, "header row"),
    "duplicate column": (_duplicate_column, "'event_at' appears twice"),
    "missing required column": (_missing_column, "'anonymous_id'"),
    "a line with an extra field": (_extra_field, "line 4 has"),
    "a 3 MB line": (_huge_line, "longer than 2,000,000 bytes"),
    "gzip-compressed csv": (_gzipped, "gzip"),
    "excel workbook named .csv": (_workbook, "ZIP archive"),
    "broken parquet": (_broken_parquet, "cannot be read"),
    "parquet without a required column": (_parquet_missing_column, "'status'"),
    "broken config override": (_broken_config, "separated by semicolons"),
}


def _fingerprint(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_file_fails_before_anything_is_written(
    case: str, generated: Path, tmp_path: Path, run_assist, fresh_dbt_dirs: Path
):
    data = tmp_path / "data"
    shutil.copytree(generated, data)
    corrupt, problem = CASES[case]
    path = corrupt(data)
    db = tmp_path / "new" / "assist.duckdb"
    for argv in (("validate",), ("build", "--db", str(db))):
        outcome = run_assist(*argv, "--data", str(data))
        assert outcome.exit_code == 2, outcome.err
        assert path.name in outcome.err and problem in outcome.err, outcome.err
        assert "Traceback" not in outcome.err + outcome.out
    assert not db.parent.exists()
    assert not fresh_dbt_dirs.exists()  # dbt never started


def test_a_failed_build_leaves_an_existing_database_unchanged(
    generated: Path, tmp_path: Path, run_assist
):
    db = tmp_path / "assist.duckdb"
    connection = duckdb.connect(str(db))
    connection.execute("create schema marts")
    connection.execute("create table marts.kept as select 42 as answer")
    connection.close()
    before = _fingerprint(db)
    data = tmp_path / "data"
    shutil.copytree(generated, data)
    _truncate_mid_line(data)
    outcome = run_assist("build", "--data", str(data), "--db", str(db))
    assert outcome.exit_code == 2
    assert _fingerprint(db) == before
    assert not db.with_suffix(".duckdb.wal").exists()


@pytest.mark.parametrize("problem", ["directory", "not a database"])
def test_a_bad_db_path_is_an_input_error(
    problem: str, generated: Path, tmp_path: Path, run_assist
):
    db = tmp_path / "assist.duckdb"
    if problem == "directory":
        db.mkdir()
        expected = "is a directory"
    else:
        db.write_text("event_id,event_at\n", encoding="utf-8")
        expected = "cannot be opened as a DuckDB database"
    outcome = run_assist("build", "--data", str(generated), "--db", str(db))
    assert outcome.exit_code == 2
    assert str(db) in outcome.err and expected in outcome.err
    assert "Traceback" not in outcome.err


def test_files_that_only_look_odd_are_accepted(
    generated: Path, tmp_path: Path, run_assist
):
    """A UTF-8 byte-order mark, Windows line ends, header-only files, header
    names in another case or order, extra columns: all within the contract."""
    data = tmp_path / "data"
    shutil.copytree(generated, data)
    orders = data / "orders.csv"
    orders.write_bytes(codecs.BOM_UTF8 + orders.read_bytes().replace(b"\n", b"\r\n"))
    consents = data / "consents.csv"
    consents.write_text(_lines(consents)[0], encoding="utf-8")
    web = data / "web_events.csv"
    lines = _lines(web)
    lines[0] = lines[0].upper().replace("\n", ",EXTRA_COLUMN\n")
    web.write_text(
        lines[0] + "".join(line.replace("\n", ",=1+1\n") for line in lines[1:]),
        encoding="utf-8",
    )
    outcome = run_assist("validate", "--data", str(data))
    assert outcome.exit_code == 0, outcome.err
    assert "consents" in outcome.err and " 0 rows" in outcome.err
