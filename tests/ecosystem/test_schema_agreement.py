"""The JSON Schema an editor validates with and ``accountplan check`` give the same verdict on every file.

An editor's YAML language server reads frontmatter as YAML 1.2 (no timestamps: dates are text)
and validates it with ``accountplan schema``; ``check`` reads the same text with its own loader.
Both run over every sample file and over mutations of each scalar field of one file of each
kind: each must accept exactly what the other accepts.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.load.files import load_document
from generator.model import Account, Action, Activity, Contact, Opportunity, Roster
from generator.model.jsonschema import entity_schema

jsonschema = pytest.importorskip("jsonschema", reason="the test extras install jsonschema (pip install -e '.[test]')")

REPO = Path(__file__).resolve().parents[2]
ACCOUNTS = REPO / "accounts"
SCHEMA_CODES = {"AP101", "AP102", "AP103", "AP104", "AP105", "AP107"}
"""What the schema can say: unknown key, wrong type, missing field, value not allowed, invalid date."""

KINDS = {"account": Account, "contact": Contact, "activity": Activity, "opportunity": Opportunity, "action": Action,
         "roster": Roster}

VALUES = ["2024", "-1", "3.5", "3.0", "1e3", "true", "False", "'2024'", "plain words", "2026-02-30", "2026-01-15",
          "", "~", "[a, b]", "{a: 1}", "'3'", "4"]
"""Replacement texts for a field's value, as written in YAML."""
LIST_VALUES = ["", "[]", "~", "2024", "[x, 2024]", "[[a]]", "{a: 1}", "plain words"]
"""Replacement texts for a list field's value."""

LINE = re.compile(r"^([a-z_]+):( *)(.*)$")


def kind_of(path: Path) -> str:
    """The file kind of a sample file."""
    if path.name == "roster.yml":
        return "roster"
    if path.name == "account.md":
        return "account"
    folders = {"contacts": "contact", "opportunities": "opportunity", "actions": "action"}
    return folders.get(path.parent.name, "activity")


def editor_view(text: str, markdown: bool) -> Any:
    """The frontmatter as a YAML 1.2 language server sees it: dates stay text."""
    source = text.split("---\n")[1] if markdown else text
    yaml = YAML(typ="safe", pure=True)
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return yaml.load(io.StringIO(source))


def schema_accepts(text: str, kind: str) -> bool:
    """The JSON Schema's verdict, formats (dates) asserted as editors do."""
    data = editor_view(text, markdown=kind != "roster")
    validator = jsonschema.Draft202012Validator(entity_schema(kind), format_checker=jsonschema.FormatChecker())
    return bool(validator.is_valid(data))


def check_accepts(text: str, kind: str) -> bool:
    """``check``'s verdict on the file alone: no schema-kind diagnostic."""
    document, found = load_document(f"x.{kind}", text.encode(), KINDS[kind], markdown=kind != "roster")
    return document is not None and not [d for d in found if d.code in SCHEMA_CODES]


def sample_files() -> list[Path]:
    """Every dossier file of the sample portfolio."""
    return [ACCOUNTS / "roster.yml", *sorted(ACCOUNTS.glob("*/account.md")), *sorted(ACCOUNTS.glob("*/*/*.md"))]


def mutations(text: str) -> list[tuple[str, str]]:
    """The file with each top-level scalar field's value replaced by each of :data:`VALUES`."""
    lines = text.split("\n")
    out = []
    end = lines.index("---", 1) if lines[0] == "---" else len(lines)
    for i, line in enumerate(lines[:end]):
        match = LINE.match(line)
        if not match or not match.group(3) or match.group(3)[0] in "{|>" or (i + 1 < end and
                                                                             lines[i + 1].startswith(" ")):
            continue
        for value in LIST_VALUES if match.group(3).startswith("[") else VALUES:
            changed = [*lines[:i], f"{match.group(1)}: {value}".rstrip(), *lines[i + 1:]]
            out.append((f"{match.group(1)}: {value}", "\n".join(changed)))
    return out


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: str(p.relative_to(ACCOUNTS)))
def test_every_sample_file_passes_both(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    kind = kind_of(path)
    assert schema_accepts(text, kind) and check_accepts(text, kind)


@pytest.mark.parametrize("kind", ["account", "contact", "activity"])
def test_schema_and_check_agree_on_every_mutation(kind: str) -> None:
    path = next(p for p in sample_files() if kind_of(p) == kind)
    disagreements = []
    for what, text in mutations(path.read_text(encoding="utf-8")):
        schema, check = schema_accepts(text, kind), check_accepts(text, kind)
        if schema != check:
            disagreements.append(f"{what!r}: schema {'accepts' if schema else 'rejects'}, "
                                 f"check {'accepts' if check else 'rejects'}")
    assert not disagreements, "\n".join(disagreements)


def test_the_sample_date_view_is_text() -> None:
    assert editor_view("---\nd: 2026-01-15\n---\n", markdown=True) == {"d": "2026-01-15"}
    assert not isinstance(editor_view("d: 2026-01-15\n", markdown=False)["d"], dt.date)


def test_the_one_known_difference_is_a_leading_zero() -> None:
    text = (ACCOUNTS / "atlas-freight" / "contacts" / "c-bart-peeters.md").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^influence: .*$", "influence: 03", text)
    assert schema_accepts(text, "contact") and not check_accepts(text, "contact")
