"""Hardening: bad settings stop `assist build` with exit code 2 and a message
naming the setting before dbt runs; the settings are the vars of
dbt_project.yml; profiles take their secrets from environment variables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from assist.settings import RULES, check_settings, project_vars
from conftest import PROJECT_DIR

REQUIRED_HEADERS = {
    "message_events": "event_id,event_at,channel,event_type",
    "app_events": "event_id,event_at,event_name,device_id",
    "web_events": "event_id,event_at,event_name,anonymous_id",
    "orders": "order_id,ordered_at,sales_channel,revenue,status",
}
SECRET_KEYS = re.compile(
    r"^\s*#?\s*(password|pass|passphrase|private_key\w*|token|\w*_token|"
    r"\w*secret\w*|api_key|access_key\w*|keyfile_json|client_secret)\s*:\s*(.+?)\s*$"
)
ENV_VAR_ONLY = re.compile(r"""^["']\{\{\s*env_var\(\s*'[A-Z0-9_]+'\s*\)\s*\}\}["']$""")

# --vars -> words the message must hold (the setting and the problem).
BAD_SETTINGS: dict[str, tuple[str, ...]] = {
    '{"attribution_models": ["linear", "u_shaped"]}': (
        "Unknown attribution model 'u_shaped'",
        "position_based",
    ),
    '{"attribution_models": []}': ("attribution_models", "non-empty list"),
    '{"attribution_models": "linear"}': ("attribution_models", "list"),
    '{"attribution_models": ["linear", "linear"]}': ("'linear' twice",),
    '{"click_session_minutes": 0}': ("click_session_minutes", "positive"),
    '{"session_timeout_minutes": -30}': ("session_timeout_minutes", "positive"),
    '{"holdout_window_days": 0}': ("holdout_window_days", "positive whole"),
    '{"holdout_window_days": 2.5}': ("holdout_window_days", "positive whole"),
    '{"time_decay_half_life_days": -7}': ("time_decay_half_life_days", "positive"),
    '{"max_users_per_device": 0}': ("max_users_per_device", "positive whole"),
    '{"shapley_max_channels": 25}': ("shapley_max_channels", "1 to 20"),
    '{"first_weight": 0.7}': ("first_weight' + 'last_weight", "at most 1"),
    '{"first_weight": 0.5, "last_weight": 0.6}': ("at most 1", "0.5 + 0.6"),
    '{"last_weight": -0.1}': ("last_weight", "from 0 to 1"),
    '{"first_weight": "0.4"}': ("first_weight", "from 0 to 1"),
    '{"reporting_currency": "usd"}': ("reporting_currency", "three-letter"),
    '{"reporting_currency": "EURO"}': ("reporting_currency", "three-letter"),
    '{"reporting_currency": 840}': ("reporting_currency", "three-letter"),
    '{"reset_at_conversion": "yes"}': ("reset_at_conversion", "true or false"),
    '{"own_domains": [1]}': ("own_domains", "list of non-empty strings"),
    '{"raw_schema": "raw; drop table x"}': ("raw_schema", "schema name"),
    '{"build_at": "last tuesday"}': ("build_at", "timestamp"),
    '{"first_wieght": 0.3}': ("unknown setting 'first_wieght'", "first_weight"),
    '{"raw_files": {"orders": "/etc/passwd"}}': ("raw_files", "--data"),
    "{not json": ("--vars is not valid JSON",),
    "[1, 2]": ("--vars must be a JSON object",),
    '"max_users_per_device=5"': ("--vars must be a JSON object",),
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    for table, header in REQUIRED_HEADERS.items():
        (root / f"{table}.csv").write_text(header + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("text", list(BAD_SETTINGS))
def test_a_bad_setting_exits_2_naming_it_before_dbt_runs(
    text: str, data: Path, tmp_path: Path, run_assist, fresh_dbt_dirs: Path
):
    db = tmp_path / "assist.duckdb"
    outcome = run_assist("build", "--data", str(data), "--db", str(db), "--vars", text)
    assert outcome.exit_code == 2, outcome.err
    for words in BAD_SETTINGS[text]:
        assert words in outcome.err
    assert "Traceback" not in outcome.err
    assert not db.exists()
    assert not fresh_dbt_dirs.exists()  # dbt never started


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"first_weight": 0.2, "last_weight": 0.6},
        {"first_weight": 0.5, "last_weight": 0.5},
        {"attribution_models": ["linear", "shapley"]},
        {"reporting_currency": "EUR", "own_domains": "shop.example.com"},
        {"click_session_minutes": 45, "time_decay_half_life_days": 0.5},
        {"build_at": "2026-11-01 12:00:00", "raw_database": None},
    ],
)
def test_good_settings_pass(settings: dict):
    assert check_settings(settings) == settings


def test_settings_and_defaults_come_from_dbt_project_yml():
    declared = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())["vars"]
    assert project_vars() == declared
    # Every rule is for a declared setting, and the defaults obey the rules.
    assert set(RULES) <= set(declared)
    for name, rule in RULES.items():
        assert rule(declared[name]) is None, name
    assert check_settings({name: declared[name] for name in RULES}) is not None


def test_profile_secrets_come_from_environment_variables():
    """Every password, token or secret key of profiles.yml, in active and in
    commented example targets, is `{{ env_var('NAME') }}` and nothing else."""
    text = (PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8")
    secrets = [
        (match.group(1), match.group(2))
        for line in text.splitlines()
        if (match := SECRET_KEYS.match(line))
    ]
    for key, value in secrets:
        value = value.split(" #")[0].strip()
        assert ENV_VAR_ONLY.match(value), f"profiles.yml: {key} is not an env_var"

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if SECRET_KEYS.match(f"{key}: x"):
                    assert isinstance(value, str) and "env_var(" in value, key
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(text))
    # The scan is not vacuous: a file that names a secret has it matched.
    assert secrets or not re.search(r"token|password|secret", text)
