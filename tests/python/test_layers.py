"""Data flows one way: staging -> intermediate -> marts (STYLE "Layers").

`layer_violations` reads a dbt manifest and lists every reference against
that flow; the project must have none, and the same function must catch a
planted back-reference (so this test can fail). A model's layer is its
folder: models/staging (base/ models are staging too), models/intermediate,
models/marts.

- sources: read by staging models only;
- staging: reads sources, seeds and staging; a base model reads no `stg_`
  model (staging models are built on base models, not the reverse);
- intermediate: reads staging, seeds and intermediate;
- marts: read intermediate, seeds and marts; a report (`rpt_*`) may read
  the core facts and dimensions, but no fct_, dim_ or audit_ mart reads a
  report; the audit marts (`audit_*`) also read staging, whose rows they
  reconcile with the raw tables.

The same manifest shows that every model is grain-tested and that every
column declared `constraints: [{type: not_null}]` is checked: its model has
the not_null_columns test (the constraints are not enforced by a contract).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from dbt.cli.main import dbtRunner

PROJECT_DIR = Path(__file__).resolve().parents[2]

LAYER_FOLDERS = {
    "models/staging/": "staging",
    "models/intermediate/": "intermediate",
    "models/marts/": "marts",
}

# What each layer may read, by the reader's and the read node's layer
# ("source" and "seed" are resource types, not folders).
ALLOWED_READS = {
    "staging": {"source", "seed", "staging"},
    "intermediate": {"seed", "staging", "intermediate"},
    "marts": {"seed", "intermediate", "marts"},
}


def layer_of(node: dict) -> str | None:
    """The layer of a manifest node: its resource type for sources and
    seeds, its folder for models; None for a model outside the layers."""
    if node["resource_type"] in ("source", "seed"):
        return str(node["resource_type"])
    path = str(node["original_file_path"]).replace("\\", "/")
    for folder, layer in LAYER_FOLDERS.items():
        if path.startswith(folder):
            return layer
    return None


def _is_base(node: dict) -> bool:
    return "/base/" in str(node["original_file_path"]).replace("\\", "/")


def _edge_violation(reader: dict, read: dict) -> str | None:
    """Why `reader` must not read `read`, or None when it may."""
    reader_layer = layer_of(reader)
    read_layer = layer_of(read)
    if reader_layer is None:
        return "the model is in no layer folder (models/staging, intermediate, marts)"
    if read_layer is None:
        return "it reads a model in no layer folder"
    allowed = set(ALLOWED_READS[reader_layer])
    if reader_layer == "marts" and reader["name"].startswith("audit_"):
        allowed.add("staging")
    if read_layer not in allowed:
        return f"{reader_layer} reads {read_layer}"
    if reader_layer == "staging" and _is_base(reader) and read_layer == "staging":
        if str(read["name"]).startswith("stg_"):
            return "a base model reads a stg_ model"
    if (
        reader_layer == "marts"
        and read_layer == "marts"
        and str(read["name"]).startswith("rpt_")
        and not str(reader["name"]).startswith("rpt_")
    ):
        return "a core or audit mart reads a report"
    return None


def layer_violations(manifest: dict) -> list[str]:
    """Every reference of the project's models against the one-way flow, as
    `reader -> read: why` lines (empty when the project flows one way)."""
    project = manifest["metadata"]["project_name"]
    known = {**manifest["nodes"], **manifest["sources"]}
    violations = []
    for unique_id, node in sorted(manifest["nodes"].items()):
        if node["resource_type"] != "model" or node["package_name"] != project:
            continue
        for parent_id in sorted(set(node["depends_on"]["nodes"])):
            parent = known.get(parent_id)
            if parent is None:
                violations.append(f"{unique_id} -> {parent_id}: unknown node")
                continue
            why = _edge_violation(node, parent)
            if why is not None:
                violations.append(f"{unique_id} -> {parent_id}: {why}")
    return violations


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The project's manifest, from one `dbt parse` into a temporary target."""
    root = tmp_path_factory.mktemp("layers")
    target = root / "dbt_target"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DBT_TARGET_PATH", str(target))
        patch.setenv("DBT_LOG_PATH", str(root / "dbt_logs"))
        patch.setenv("ASSIST_DUCKDB_PATH", str(root / "unused.duckdb"))
        patch.setenv("DO_NOT_TRACK", "1")
        patch.delenv("DBT_EXCLUDE_RESOURCE_TYPES", raising=False)
        result = dbtRunner().invoke(
            [
                "parse",
                "--project-dir",
                str(PROJECT_DIR),
                "--profiles-dir",
                str(PROJECT_DIR),
                "--quiet",
            ]
        )
    assert result.success, result.exception
    return json.loads((target / "manifest.json").read_text())


def _model(manifest: dict, layer: str, prefix: str) -> str:
    """The unique_id of the first model of `layer` whose name starts with
    `prefix`."""
    for unique_id, node in sorted(manifest["nodes"].items()):
        if (
            node["resource_type"] == "model"
            and layer_of(node) == layer
            and str(node["name"]).startswith(prefix)
        ):
            return unique_id
    raise AssertionError(f"no {layer} model named {prefix}* in the manifest")


def _new_violations(manifest: dict, planted: dict) -> list[str]:
    """The violations of `planted` that `manifest` does not have."""
    before = set(layer_violations(manifest))
    return [line for line in layer_violations(planted) if line not in before]


def _planted(manifest: dict, reader: str, read: str) -> dict:
    """A copy of the manifest in which `reader` also depends on `read`."""
    planted = copy.deepcopy(manifest)
    planted["nodes"][reader]["depends_on"]["nodes"].append(read)
    return planted


def test_the_project_flows_one_way(manifest: dict) -> None:
    assert layer_violations(manifest) == []


def test_every_model_is_in_a_layer(manifest: dict) -> None:
    project = manifest["metadata"]["project_name"]
    outside = [
        unique_id
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
        and node["package_name"] == project
        and layer_of(node) is None
    ]
    assert outside == []


@pytest.mark.parametrize(
    ("reader", "read", "why"),
    [
        (("intermediate", "int_"), ("marts", "fct_"), "intermediate reads marts"),
        (("intermediate", "int_"), ("marts", "dim_"), "intermediate reads marts"),
        (("staging", "stg_"), ("marts", "dim_"), "staging reads marts"),
        (("staging", "stg_"), ("intermediate", "int_"), "staging reads intermediate"),
        (("marts", "fct_"), ("source", ""), "marts reads source"),
        (("marts", "audit_"), ("source", ""), "marts reads source"),
        (("intermediate", "int_"), ("source", ""), "intermediate reads source"),
        (("marts", "rpt_"), ("staging", "stg_"), "marts reads staging"),
        (("marts", "fct_"), ("staging", "base_"), "marts reads staging"),
        (("marts", "fct_"), ("marts", "rpt_"), "a core or audit mart reads a report"),
        (("marts", "audit_"), ("marts", "rpt_"), "a core or audit mart reads a report"),
        (("staging", "base_"), ("staging", "stg_"), "a base model reads a stg_ model"),
    ],
    ids=lambda value: value if isinstance(value, str) else "_".join(value),
)
def test_a_planted_back_reference_fails(
    manifest: dict, reader: tuple[str, str], read: tuple[str, str], why: str
) -> None:
    reader_id = _model(manifest, *reader)
    if read[0] == "source":
        read_id = sorted(manifest["sources"])[0]
    else:
        read_id = _model(manifest, read[0], read[1])
    planted = _planted(manifest, reader_id, read_id)
    assert _new_violations(manifest, planted) == [f"{reader_id} -> {read_id}: {why}"]


def test_reports_may_read_core_marts_and_audit_marts_staging(manifest: dict) -> None:
    report = _model(manifest, "marts", "rpt_")
    audit = _model(manifest, "marts", "audit_")
    planted = _planted(manifest, report, _model(manifest, "marts", "fct_"))
    planted = _planted(planted, report, _model(manifest, "marts", "dim_"))
    planted = _planted(planted, audit, _model(manifest, "staging", "stg_"))
    planted = _planted(planted, audit, _model(manifest, "staging", "base_"))
    assert _new_violations(manifest, planted) == []


def test_a_model_outside_the_layers_fails(manifest: dict) -> None:
    planted = copy.deepcopy(manifest)
    model = _model(planted, "intermediate", "int_")
    planted["nodes"][model]["original_file_path"] = "models/elsewhere/x.sql"
    new = _new_violations(manifest, planted)
    assert any(line.startswith(f"{model} -> ") for line in new)
    assert all("no layer folder" in line for line in new)


# A grain test: a key is unique, or (a base model: one row per raw row) the
# row count matches the relation whose rows the model has one of each.
GRAIN_TESTS = {
    "unique",
    "unique_combination_of_columns",
    "expected_rows_per_key",
    "row_count_matches",
}


def _tests_by_model(manifest: dict) -> dict[str, set[str]]:
    tests: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test" or not node.get("attached_node"):
            continue
        kind = (node.get("test_metadata") or {}).get("name", "singular")
        tests.setdefault(node["attached_node"], set()).add(kind)
    return tests


def untested_not_null_constraints(manifest: dict) -> list[str]:
    """Columns with a not_null constraint whose model has no
    not_null_columns test."""
    tests = _tests_by_model(manifest)
    return sorted(
        f"{node['name']}.{column['name']}"
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
        and "not_null_columns" not in tests.get(unique_id, set())
        for column in node["columns"].values()
        if any(c["type"] == "not_null" for c in column.get("constraints", []))
    )


def test_every_not_null_constraint_is_tested(manifest: dict) -> None:
    assert untested_not_null_constraints(manifest) == []
    constrained = [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and any(c.get("constraints") for c in node["columns"].values())
    ]
    assert len(constrained) > 50
    planted = copy.deepcopy(manifest)
    for node in planted["nodes"].values():
        if node["resource_type"] == "test" and node["name"].startswith(
            "not_null_columns_int_person_identifiers"
        ):
            node["attached_node"] = None
    assert "int_person_identifiers.person_id" in untested_not_null_constraints(planted)


def test_every_model_is_grain_tested(manifest: dict) -> None:
    tests = _tests_by_model(manifest)
    ungrained = sorted(
        node["name"]
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
        and not tests.get(unique_id, set()) & GRAIN_TESTS
    )
    assert ungrained == []
