"""The JSON Schema is generated from the model: same fields, types, values and bounds as the loader."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.load.convert import is_required
from generator.model.jsonschema import ENTITIES, all_schemas, entity_schema

ROOT = Path(__file__).resolve().parent.parent
ACCOUNTS = ROOT / "accounts"


def _models(cls: type, seen: dict[str, type] | None = None) -> dict[str, type]:
    """Every dataclass reachable from ``cls``, by class name."""
    seen = {} if seen is None else seen
    seen[cls.__name__] = cls
    for hint in typing.get_type_hints(cls).values():
        for inner in (hint, *typing.get_args(hint)):
            if dataclasses.is_dataclass(inner) and inner.__name__ not in seen:
                _models(typing.cast(type, inner), seen)
    return seen


def _object_of(schema: dict[str, Any], name: str, entity: str) -> dict[str, Any]:
    cls = ENTITIES[entity][0]
    return schema if cls.__name__ == name else schema["$defs"][name]


def _enum(prop: dict[str, Any]) -> list[str] | None:
    for option in [prop, *prop.get("anyOf", []), prop.get("items", {})]:
        if "enum" in option:
            return list(option["enum"])
    return None


CASES = [(entity, name, cls) for entity in ENTITIES for name, cls in _models(ENTITIES[entity][0]).items()]


@pytest.mark.parametrize(("entity", "name", "cls"), CASES, ids=[f"{e}-{n}" for e, n, _ in CASES])
def test_every_field_required_flag_and_enum_match_the_dataclass(entity: str, name: str, cls: type) -> None:
    obj = _object_of(entity_schema(entity), name, entity)
    assert obj["type"] == "object"
    assert obj["additionalProperties"] is False
    fields = {f.name: f for f in dataclasses.fields(cls)}
    assert list(obj["properties"]) == list(fields)
    assert obj.get("required", []) == [n for n, f in fields.items() if is_required(f)]
    hints = typing.get_type_hints(cls)
    for field_name, f in fields.items():
        prop = obj["properties"][field_name]
        assert prop["description"].startswith(f.metadata["doc"])
        literal = [a for a in (hints[field_name], *typing.get_args(hints[field_name]))
                   if typing.get_origin(a) is typing.Literal]
        assert _enum(prop) == (list(typing.get_args(literal[0])) if literal else None)


def test_scales_bounds_dates_and_nullable_fields() -> None:
    contact = entity_schema("contact")["properties"]
    support = contact["support"]["anyOf"]
    assert support[0] == {"type": "integer", "minimum": 1, "maximum": 5}
    assert support[1] == {"const": "unknown"}            # "not yet known" is a value, never an empty one
    assert "3 neutral (中立)" in contact["support"]["description"]
    assert "support" in contact and "support" in entity_schema("contact")["required"]
    assert contact["review_by"] == {"type": "string", "format": "date",
                                    "description": contact["review_by"]["description"]}
    assert contact["left"]["anyOf"][1] == {"type": "null"}
    assert contact["coach"]["default"] is False
    plan = entity_schema("account")["$defs"]["Plan"]["properties"]
    assert (plan["progress"]["minimum"], plan["progress"]["maximum"], plan["progress"]["default"]) == (0, 100, 0)
    activity = entity_schema("activity")["properties"]
    assert activity["quality"]["anyOf"][0]["type"] == "integer"


def test_nested_records_are_shared_definitions() -> None:
    account = entity_schema("account")
    assert set(account["$defs"]) == set(_models(ENTITIES["account"][0])) - {"Account"}
    assert account["properties"]["plans"]["items"] == {"$ref": "#/$defs/Plan"}
    assert account["properties"]["strategy"]["anyOf"][0] == {"$ref": "#/$defs/Strategy"}
    assert account["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# A small validator for the keywords the generated schema uses, so that the sample can be
# checked against it without a new dependency.
def _errors(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "") -> list[str]:
    if "$ref" in schema:
        return _errors(value, root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root, where)
    if "allOf" in schema:
        return [e for s in schema["allOf"] for e in _errors(value, s, root, where)]
    if "anyOf" in schema:
        found = [_errors(value, s, root, where) for s in schema["anyOf"]]
        return [] if any(not f for f in found) else found[0]
    if "const" in schema:
        return [] if value == schema["const"] else [f"{where}: {value!r} is not {schema['const']!r}"]
    kind = schema.get("type")
    if isinstance(kind, list):  # text fields take numbers and booleans, list fields null, as the loader does
        kind = next((k for k in kind if not _errors(value, {"type": k, "items": {}}, root, where)), kind[0])
    checks = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    else:
        ok = kind is None or isinstance(value, checks[kind])
    if not ok:
        return [f"{where}: {value!r} is not {kind}"]
    problems = []
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in enum")
    if schema.get("format") == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        problems.append(f"{where}: {value!r} is not a date")
    if ("minimum" in schema and value < schema["minimum"]) or ("maximum" in schema and value > schema["maximum"]):
        problems.append(f"{where}: {value!r} out of range")
    if kind == "object":
        problems += [f"{where}.{k}: missing" for k in schema.get("required", []) if k not in value]
        for key, item in value.items():
            if key not in schema["properties"]:
                problems.append(f"{where}.{key}: unknown key")
            else:
                problems += _errors(item, schema["properties"][key], root, f"{where}.{key}")
    if kind == "array":
        for i, item in enumerate(value):
            problems += _errors(item, schema["items"], root, f"{where}[{i}]")
    return problems


def _as_json(value: Any) -> Any:
    """YAML values as a JSON document would carry them (dates as ISO text)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _frontmatter(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        return _as_json(yaml.safe_load(text))
    return _as_json(yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n")))


def _sample_files() -> list[tuple[str, Path]]:
    files = [("roster", ACCOUNTS / "roster.yml")]
    for folder in sorted(p for p in ACCOUNTS.iterdir() if p.is_dir()):
        files.append(("account", folder / "account.md"))
        files += [("contact", p) for p in sorted((folder / "contacts").glob("*.md"))]
        files += [("activity", p) for p in sorted((folder / "activities").glob("*.md"))]
    return files


def test_every_sample_file_validates_against_its_schema() -> None:
    schemas = all_schemas()
    files = _sample_files()
    assert len(files) > 100
    for entity, path in files:
        data = _frontmatter(path)
        assert set(data) <= set(schemas[entity]["properties"]), path
        assert _errors(data, schemas[entity], schemas[entity]) == [], path


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    schema = entity_schema("contact")
    good = _frontmatter(ACCOUNTS / "helios-telecom" / "contacts" / "c-jan-kowal.md")
    assert _errors(good, schema, schema) == []
    assert _errors({**good, "mood": "happy"}, schema, schema) == [".mood: unknown key"]
    assert _errors({**good, "support": 6}, schema, schema) == [".support: 6 out of range"]
    assert _errors({**good, "role": "boss"}, schema, schema) == [".role: 'boss' not in enum"]
    assert _errors({k: v for k, v in good.items() if k != "review_by"}, schema, schema) == [".review_by: missing"]


def test_cli_prints_one_kind_or_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "contact"]) == 0
    assert json.loads(capsys.readouterr().out) == entity_schema("contact")
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert list(printed) == ["account", "contact", "activity", "opportunity", "action", "roster"]
    assert printed == json.loads(json.dumps(all_schemas()))


def test_cli_writes_one_file_per_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "all", "--out", str(tmp_path / "schemas")]) == 0
    assert str(tmp_path / "schemas" / "roster.schema.json") in capsys.readouterr().out.splitlines()  # as named
    written = sorted(os.listdir(tmp_path / "schemas"))
    assert written == ["account.schema.json", "action.schema.json", "activity.schema.json", "contact.schema.json",
                       "opportunity.schema.json",
                       "roster.schema.json"]
    roster = json.loads((tmp_path / "schemas" / "roster.schema.json").read_text(encoding="utf-8"))
    assert roster["$defs"]["Person"]["required"] == ["id", "name", "title"]


def test_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["schema", "gifts"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
