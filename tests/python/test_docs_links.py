"""Every relative link of README.md and docs/*.md points at a file of the
repository, so the documentation works from a fresh clone (nothing outside
the project, such as ../shared/), and every #anchor of a Markdown page at
one of its headings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
PAGES = [PROJECT_DIR / "README.md", *sorted((PROJECT_DIR / "docs").glob("*.md"))]
# [text](target) and [text]: target, outside code spans and fenced blocks
INLINE_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_LINK = re.compile(r"^\s*\[[^\]]+\]:\s*(\S+)", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.MULTILINE)


def _links(page: Path) -> list[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    text = CODE_SPAN.sub("", text)
    return INLINE_LINK.findall(text) + REFERENCE_LINK.findall(text)


def _relative(target: str) -> str | None:
    """The file part of a relative link; None for URLs and in-page anchors."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
        return None  # http:, https:, mailto:, ...
    path = target.split("#", 1)[0]
    return path or None


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings (lower-case, punctuation out,
    spaces to hyphens)."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {
        re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        for heading in HEADING.findall(text)
    }


def test_the_pages_are_found():
    assert PROJECT_DIR / "docs" / "definitions.md" in PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_relative_link_points_at_a_file_of_the_repository(page: Path):
    broken = []
    for target in _links(page):
        path = _relative(target)
        if path is None:
            continue
        resolved = (page.parent / path).resolve()
        inside = resolved.is_relative_to(PROJECT_DIR)
        if not inside or not resolved.exists():
            broken.append(target)
    assert not broken, f"{page.name}: links to nothing in the repository: {broken}"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_every_anchor_names_a_heading_of_its_page(page: Path):
    broken = []
    for target in _links(page):
        if "#" not in target or _relative(target.split("#")[0] or "x") is None:
            continue
        path, anchor = target.split("#", 1)
        linked = (page.parent / path).resolve() if path else page
        if linked.suffix == ".md" and linked.exists():
            if anchor not in _anchors(linked):
                broken.append(target)
    assert not broken, f"{page.name}: anchors without a heading: {broken}"


def test_a_link_outside_the_repository_is_caught(tmp_path: Path):
    page = PROJECT_DIR / "README.md"
    assert _links(page)  # the README has links to check
    outside = (page.parent / "../shared/CONTRACT.md").resolve()
    assert not outside.is_relative_to(PROJECT_DIR)
    assert _links_of("see [the contract](../shared/CONTRACT.md)", tmp_path) == [
        "../shared/CONTRACT.md"
    ]


def _links_of(text: str, folder: Path) -> list[str]:
    page = folder / "page.md"
    page.write_text(text, encoding="utf-8")
    return _links(page)
