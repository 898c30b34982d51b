"""Every public macro is documented in macros/_macros.yml with its arguments.

Cheap: the macro files are read with a regular expression, no dbt call.
Dispatched implementations (`default__x`, `duckdb__x`, `spark__x` of a macro
`x` of the project) are not public and need no entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
MACROS_YML = PROJECT_DIR / "macros" / "_macros.yml"
DEFINITION = re.compile(r"{%-?\s*(macro|test)\s+(\w+)\s*\((.*?)\)\s*-?%}", re.DOTALL)
DISPATCHED = re.compile(r"^(default|duckdb|spark|postgres|databricks)__(\w+)$")


def _definitions(folder: Path, kind: str) -> dict[str, list[str]]:
    """Macro (or generic test) name -> parameter names, from the .sql files."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.sql")):
        for match in DEFINITION.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) != kind:
                continue
            parameters = [
                part.split("=")[0].strip()
                for part in match.group(3).split(",")
                if part.strip()
            ]
            found[match.group(2)] = parameters
    return found


def _public(macros: dict[str, list[str]]) -> dict[str, list[str]]:
    public = {}
    for name, parameters in macros.items():
        dispatched = DISPATCHED.match(name)
        if dispatched and dispatched.group(2) in macros:
            continue
        public[name] = parameters
    return public


def _entries() -> dict[str, dict]:
    document = yaml.safe_load(MACROS_YML.read_text(encoding="utf-8"))
    return {entry["name"]: entry for entry in document["macros"]}


def test_dispatched_implementations_are_recognised():
    macros = {"x": [], "default__x": [], "spark__x": [], "spark__dateadd": []}
    assert set(_public(macros)) == {"x", "spark__dateadd"}


def test_every_public_macro_has_an_entry_with_a_description():
    macros = _public(_definitions(PROJECT_DIR / "macros", "macro"))
    entries = _entries()
    missing = sorted(set(macros) - set(entries))
    assert not missing, f"macros missing from macros/_macros.yml: {missing}"
    for name in macros:
        assert (entries[name].get("description") or "").strip(), name


def test_documented_arguments_are_the_macros_own_and_typed():
    macros = _public(_definitions(PROJECT_DIR / "macros", "macro"))
    for name, entry in _entries().items():
        documented = entry.get("arguments") or []
        if name not in macros:
            continue
        names = [argument["name"] for argument in documented]
        assert names == macros[name], f"{name}: {names} != {macros[name]}"
        for argument in documented:
            assert argument.get("type"), f"{name}.{argument['name']} has no type"
            assert (argument.get("description") or "").strip(), (
                f"{name}.{argument['name']} has no description"
            )


def test_every_entry_names_a_macro_or_generic_test():
    known = set(_definitions(PROJECT_DIR / "macros", "macro"))
    known |= set(_definitions(PROJECT_DIR / "tests" / "generic", "test"))
    unknown = sorted(set(_entries()) - known)
    assert not unknown, f"entries of macros/_macros.yml without a macro: {unknown}"
