"""Checks the settings (`--vars`) before dbt runs, against dbt_project.yml.

The defaults and the list of settings are read from the vars of
`dbt_project.yml` (the one truth); this module only knows which values each
setting accepts, so that a bad value fails with exit code 2 and a message
naming the setting, before anything is written.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from typing import Any

import yaml

from assist.project import UsageError, project_dir

ATTRIBUTION_MACRO = re.compile(r"\{%-?\s*macro\s+attribution_([a-z0-9_]+)\s*\(")
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RUNNER_FILLED = ("raw_files", "config_files")


def project_vars() -> dict[str, Any]:
    """The vars of dbt_project.yml: every setting and its default."""
    path = project_dir() / "dbt_project.yml"
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle) or {}
    return dict(document.get("vars") or {})


def known_attribution_models() -> list[str]:
    """Every model the project can build: a macro attribution_<name>."""
    names: set[str] = set()
    for path in (project_dir() / "macros").rglob("*.sql"):
        names.update(ATTRIBUTION_MACRO.findall(path.read_text(encoding="utf-8")))
    return sorted(names)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    return _is_number(value) and float(value).is_integer()


def _positive_integer(value: Any) -> str | None:
    if not _is_integer(value) or value < 1:
        return f"must be a positive whole number, got {json.dumps(value)}"
    return None


def _positive_number(value: Any) -> str | None:
    if not _is_number(value) or not value > 0 or value == float("inf"):
        return f"must be a positive number, got {json.dumps(value)}"
    return None


def _weight(value: Any) -> str | None:
    if not _is_number(value) or not 0 <= value <= 1:
        return f"must be a number from 0 to 1, got {json.dumps(value)}"
    return None


def _boolean(value: Any) -> str | None:
    if not isinstance(value, bool):
        return f"must be true or false, got {json.dumps(value)}"
    return None


def _string_list(value: Any) -> str | None:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(
        isinstance(item, str) and item.strip() for item in items
    ):
        return f"must be a list of non-empty strings, got {json.dumps(value)}"
    return None


def _currency(value: Any) -> str | None:
    if not isinstance(value, str) or not CURRENCY_CODE.match(value):
        return (
            "must be a three-letter ISO 4217 currency code in upper case, "
            f"like USD or EUR, got {json.dumps(value)}"
        )
    return None


def _shapley_cap(value: Any) -> str | None:
    if not _is_integer(value) or not 1 <= value <= 20:
        return f"must be a whole number from 1 to 20, got {json.dumps(value)}"
    return None


def _schema(value: Any) -> str | None:
    if not isinstance(value, str) or not SCHEMA_NAME.match(value):
        return f"must be a schema name (letters, digits, _), got {json.dumps(value)}"
    return None


def _optional_schema(value: Any) -> str | None:
    return None if value is None else _schema(value)


def _build_at(value: Any) -> str | None:
    if value is None:
        return None
    pattern = r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$"
    if not isinstance(value, str) or not re.match(pattern, value):
        return (
            "must be null or a UTC timestamp like '2026-11-01 00:00:00', "
            f"got {json.dumps(value)}"
        )
    return None


def _attribution_models(value: Any) -> str | None:
    known = known_attribution_models()
    hint = f" Known models: {', '.join(known)}."
    if not isinstance(value, list) or not value:
        got = json.dumps(value)
        return f"must be a non-empty list of model names, got {got}.{hint}"
    seen: set[str] = set()
    for name in value:
        if not isinstance(name, str) or name not in known:
            return f"Unknown attribution model {name!r}.{hint}"
        if name in seen:
            return f"lists the attribution model {name!r} twice"
        seen.add(name)
    return None


RULES: dict[str, Callable[[Any], str | None]] = {
    "reporting_currency": _currency,
    "max_users_per_device": _positive_integer,
    "click_session_minutes": _positive_number,
    "session_timeout_minutes": _positive_number,
    "app_assist_events": _string_list,
    "own_domains": _string_list,
    "attribution_models": _attribution_models,
    "reset_at_conversion": _boolean,
    "first_weight": _weight,
    "last_weight": _weight,
    "time_decay_half_life_days": _positive_number,
    "shapley_max_channels": _shapley_cap,
    "holdout_window_days": _positive_integer,
    "raw_schema": _schema,
    "raw_database": _optional_schema,
    "build_at": _build_at,
}


def _default_kind_error(value: Any, default: Any) -> str | None:
    """A setting without a rule must keep the kind of its default."""
    if default is None or value is None:
        return None
    if _kind(value) != _kind(default):
        return f"must be a {_kind(default)} like its default, got {json.dumps(value)}"
    return None


def check_settings(user_vars: dict[str, Any]) -> dict[str, Any]:
    """Checks user settings against dbt_project.yml; returns them unchanged.

    Raises UsageError naming the setting on the first problem: a name that is
    not a var of dbt_project.yml (with the closest names), a var the runner
    fills from --data, or a value the setting does not accept.
    """
    defaults = project_vars()
    for name in user_vars:
        if name in RUNNER_FILLED:
            raise UsageError(
                f"--vars: setting '{name}' is filled from --data by the runner; "
                "put the files in the data directory instead"
            )
        if name not in defaults:
            close = difflib.get_close_matches(name, list(defaults), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise UsageError(
                f"--vars: unknown setting '{name}'{hint}; the settings are the "
                "vars of dbt_project.yml"
            )
    merged = {**defaults, **user_vars}
    for name, value in user_vars.items():
        rule = RULES.get(name)
        problem = rule(value) if rule else _default_kind_error(value, defaults[name])
        if problem:
            raise UsageError(f"--vars: setting '{name}': {problem}")
    first, last = merged.get("first_weight"), merged.get("last_weight")
    if (
        ("first_weight" in user_vars or "last_weight" in user_vars)
        and _is_number(first)
        and _is_number(last)
        and first + last > 1 + 1e-12
    ):
        raise UsageError(
            "--vars: settings 'first_weight' + 'last_weight' must be at most 1, "
            f"got {first} + {last} = {first + last:g}"
        )
    return user_vars
