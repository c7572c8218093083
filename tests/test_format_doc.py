"""docs/writing-a-dossier.md stays in step with the model: every field, value, scale and example."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Loc
from generator.edit.fmt import format_source
from generator.load.convert import is_required
from generator.load.files import load_document
from generator.model import Action, Activity, Contact, Opportunity, Roster, scales
from generator.model.jsonschema import ENTITIES
from generator.model.spec import SENSITIVITY_ORDER

DOC = Path(__file__).resolve().parent.parent / "docs" / "writing-a-dossier.md"
TEXT = DOC.read_text(encoding="utf-8")


def _models() -> dict[str, type]:
    """Every model dataclass reachable from the four file kinds."""
    found: dict[str, type] = {}
    todo = [cls for cls, _ in ENTITIES.values()]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        for hint in typing.get_type_hints(cls).values():
            for inner in (hint, *typing.get_args(hint)):
                if dataclasses.is_dataclass(inner) and inner.__name__ not in found:
                    todo.append(typing.cast(type, inner))
    return found


MODELS = _models()


def _section(name: str) -> str:
    """The text under the heading that names the class as `Name`, up to the next heading."""
    match = re.search(rf"^### `{name}`.*?$(.*?)(?=^#{{1,3}} |\Z)", TEXT, re.M | re.S)
    assert match, f"no '### `{name}`' section in {DOC.name}"
    return match.group(1)


def _rows(section: str) -> dict[str, list[str]]:
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows[cells[0].strip("`")] = cells
    return rows


def test_every_field_name_of_every_model_appears_in_the_page() -> None:
    assert {"Account", "Strategy", "Contact", "Personal", "Activity", "Roster", "Person"} <= set(MODELS)
    missing = [f"{name}.{f.name}" for name, cls in MODELS.items() for f in dataclasses.fields(cls)
               if f"`{f.name}`" not in TEXT]
    assert missing == []


@pytest.mark.parametrize("name", sorted(MODELS))
def test_each_model_has_a_table_with_one_row_per_field(name: str) -> None:
    cls = MODELS[name]
    rows = _rows(_section(name))
    fields = dataclasses.fields(cls)
    assert list(rows) == [f.name for f in fields]
    hints = typing.get_type_hints(cls)
    for f in fields:
        _, kind, required, meaning = rows[f.name]
        assert required == ("yes" if is_required(f) else "no"), f"{name}.{f.name}: required column"
        assert meaning, f"{name}.{f.name}: no meaning"
        hint = hints[f.name]
        for literal in (a for a in (hint, *typing.get_args(hint)) if typing.get_origin(a) is typing.Literal):
            for value in typing.get_args(literal):
                assert f"`{value}`" in kind, f"{name}.{f.name}: value {value} not listed"
        if f.metadata.get("low") is not None and f.metadata.get("high") is not None:
            assert f"{f.metadata['low']:g}–{f.metadata['high']:g}" in kind, f"{name}.{f.name}: bounds"
        if f.metadata.get("ref"):
            assert f"{f.metadata['ref']} id" in kind, f"{name}.{f.name}: reference kind"


def test_scales_and_sensitivity_labels_are_explained_in_both_languages() -> None:
    for labels in (scales.SUPPORT, scales.INTIMACY, scales.INFLUENCE, scales.FIT, scales.QUALITY,
                   scales.SATISFACTION, scales.STRENGTH):
        for value, (english, chinese) in labels.items():
            assert f"{english} · {chinese}" in TEXT, (value, english)
    for label in SENSITIVITY_ORDER:
        assert f"| `{label}` |" in TEXT
    for term in ("立体式客户关系", "关键客户关系", "普遍客户关系", "组织客户关系", "战略对标会议", "高层带队互访",
                 "战略合作协议", "联合创新中心", "教练", "主航道", "边缘业务", "现金牛", "盐碱地", "新突破", "成熟市场",
                 "9大关键业务动作", "铁三角"):
        assert term in TEXT, term


EXAMPLES = re.findall(r"^File `(accounts/[^`]+)`:\n\n```(?:yaml|markdown)\n(.*?)^```$", TEXT, re.M | re.S)


def _kind(path: str) -> tuple[type, bool]:
    if path.endswith("roster.yml"):
        return Roster, False
    if "/contacts/" in path:
        return Contact, True
    if "/activities/" in path:
        return Activity, True
    if "/opportunities/" in path:
        return Opportunity, True
    if "/actions/" in path:
        return Action, True
    return ENTITIES["account"][0], True


def _written(positions: dict[Loc, tuple[int, int]]) -> set[tuple[str, ...]]:
    """Key paths written in a file, list indexes folded to ``*``."""
    return {tuple("*" if isinstance(p, int) else p for p in loc) for loc in positions}


def _unwritten(cls: type, written: set[tuple[str, ...]], prefix: tuple[str, ...] = ()) -> list[str]:
    missing = []
    for f in dataclasses.fields(cls):
        here = (*prefix, f.name)
        if here not in written:
            missing.append(".".join(here))
        hint = typing.get_type_hints(cls)[f.name]
        hint = next((a for a in typing.get_args(hint) if a is not type(None)), hint) if _optional(hint) else hint
        if typing.get_origin(hint) is list:
            hint, here = typing.get_args(hint)[0], (*here, "*")
        if dataclasses.is_dataclass(hint):
            missing += _unwritten(typing.cast(type, hint), written, here)
    return missing


def _optional(hint: Any) -> bool:
    return type(None) in typing.get_args(hint)


def test_there_is_one_complete_example_per_file_kind() -> None:
    kinds = sorted(_kind(path)[0].__name__ for path, _ in EXAMPLES)
    assert kinds == ["Account", "Action", "Activity", "Contact", "Opportunity", "Roster"]


@pytest.mark.parametrize(("path", "text"), EXAMPLES, ids=[p for p, _ in EXAMPLES])
def test_each_example_loads_cleanly_and_uses_every_field(path: str, text: str) -> None:
    model, markdown = _kind(path)
    document, diagnostics = load_document(path, text.encode("utf-8"), model, markdown=markdown)
    assert [d.one_line() for d in diagnostics] == []
    assert document is not None
    assert _unwritten(model, _written(document.positions)) == []


def test_layout_names_every_kind_of_file() -> None:
    for part in ("roster.yml", "account.md", "contacts/", "activities/", "yyyy-mm-dd-words.md"):
        assert part in TEXT, part
    assert re.search(r"conflict", TEXT)


@pytest.mark.parametrize(("path", "text"), EXAMPLES, ids=[p for p, _ in EXAMPLES])
def test_each_example_is_in_the_formatters_canonical_form(path: str, text: str) -> None:
    result = format_source(path, text.encode("utf-8"))
    assert result.problems == [] and not result.changed, "run the example through `accountplan fmt`"
