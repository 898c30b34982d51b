"""`assist report`: one self-contained HTML file whose every chart renders in
a real browser (headless Chromium, Debian package `chromium`) without a
JavaScript error. A screenshot of the page is left at
target/report_screenshot.png for people to look at."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT_DIR
from shared_builds import generated_marts_db

EXPECTED_CHARTS = {
    "channel_assists",
    "model_comparison",
    "top_paths",
    "time_lag",
    "path_length",
    "push_funnel",
    "campaign_conversions",
    "holdout_lift",
}
SCREENSHOT = PROJECT_DIR / "target" / "report_screenshot.png"
BROWSER_TIMEOUT = 180
GENERATED = re.compile(r"generated \d{4}-\d\d-\d\d \d\d:\d\d UTC")


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = "headless Chromium is needed: apt-get install -y chromium"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    """Runs headless Chromium on a local file; nothing leaves the machine."""
    return subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
            *extra,
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=BROWSER_TIMEOUT,
        check=False,
    )


def _console_errors(stderr: str) -> list[str]:
    """Console messages of the page that are errors (Chromium's log lines)."""
    return [
        line
        for line in stderr.splitlines()
        if "CONSOLE" in line
        and ("Uncaught" in line or "Error" in line or ":ERROR:" in line)
    ]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = generated_marts_db(tmp_path_factory)
    out = tmp_path_factory.mktemp("html_report") / "report.html"
    from assist.cli import main

    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    return out


def test_report_is_one_self_contained_file(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    # Nothing fetched at view time: no external script, style, font or image.
    assert not re.search(r"(src|href)\s*=\s*[\"'](https?:)?//", text)
    assert "<link" not in text and "@import" not in text and "url(" not in text
    charts = set(re.findall(r'<figure class="chart" data-chart="([a-z_]+)"', text))
    assert EXPECTED_CHARTS <= charts
    # Every chart is followed by the table behind it.
    assert text.count("<table") >= text.count('<figure class="chart"')


def test_report_is_the_same_whatever_the_hash_seed(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Ties (channels or campaigns with equal figures) are ordered by name, not
    by the order of a Python set, which changes with PYTHONHASHSEED."""
    db = generated_marts_db(tmp_path_factory)
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"report_{seed}.html"
        subprocess.run(
            ["assist", "report", "--db", str(db), "--out", str(out)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=120,
        )
        # the generation time may differ by a minute between the two runs
        pages.append(GENERATED.sub("generated", out.read_text(encoding="utf-8")))
    assert pages[0] == pages[1]


def test_every_chart_renders_without_javascript_errors(
    report: Path, tmp_path: Path
) -> None:
    result = _browse(report, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    root = re.search(r"<html[^>]*>", dom)
    assert root, dom[:500]
    tag = root.group(0)
    figures = dom.count('<figure class="chart"')
    assert figures >= len(EXPECTED_CHARTS)
    # The page's own check (inline script): every chart has a drawn SVG,
    # and no script error happened.
    assert 'data-report-status="ok"' in tag, tag
    assert f'data-charts="{figures}"' in tag, tag
    assert f'data-charts-drawn="{figures}"' in tag, tag
    assert _console_errors(result.stderr) == []
    assert re.search(r'id="report-errors"[^>]*></p>', dom), "script errors shown"


def test_a_script_error_would_be_caught(report: Path, tmp_path: Path) -> None:
    """The harness itself: a page with a failing script is reported."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        report.read_text(encoding="utf-8").replace(
            "</body>", "<script>undefinedFunction();</script></body>"
        ),
        encoding="utf-8",
    )
    result = _browse(broken, tmp_path / "profile", "--dump-dom")
    tag = re.search(r"<html[^>]*>", result.stdout)
    assert tag and 'data-report-status="error"' in tag.group(0)
    assert _console_errors(result.stderr), result.stderr[-2000:]


def test_screenshot_is_written_under_target(report: Path, tmp_path: Path) -> None:
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    result = _browse(
        report,
        tmp_path / "profile",
        "--hide-scrollbars",
        "--window-size=1280,7000",
        f"--screenshot={SCREENSHOT}",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert SCREENSHOT.is_file()
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert SCREENSHOT.stat().st_size > 50_000


def test_empty_and_missing_marts_give_notes_not_errors() -> None:
    from assist.report import REPORT_TABLES, Marts, render_report

    empty = render_report(Marts({name: [] for name in REPORT_TABLES}, Path("e.db")))
    assert '<figure class="chart"' not in empty
    assert "No holdout experiments in this data set." in empty
    missing = render_report(Marts({name: None for name in REPORT_TABLES}, Path("m")))
    assert "The mart <code>rpt_holdout_lift</code> is not in this database" in missing
