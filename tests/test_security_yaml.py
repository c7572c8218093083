"""Hostile YAML (SECURITY.md, section YAML): each case is a clear diagnostic with file and line, never a traceback."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

import generator
from generator.diagnostics import Diagnostic
from generator.load import yamlnodes
from generator.load.files import load_document
from generator.model import Contact, Roster

CONTACT = """\
---
id: c-bob
name: Bob Stone
title: CTO
department: IT
level: executive
role: decision-maker
influence: 5
intimacy: 4
support: 4
review_by: 2027-06-01
---
Notes.
"""


def load(text: str, model: type = Contact, *, markdown: bool = True) -> tuple[Any, list[Diagnostic]]:
    """Load ``text`` as one file named ``c-bob.md``; returns (data or None, diagnostics)."""
    doc, diagnostics = load_document("c-bob.md", text.encode("utf-8"), model, markdown=markdown)
    return (doc.data if doc else None), diagnostics


def contact_with(**lines: str) -> str:
    """The valid contact with some lines replaced or added (``key=value`` as written in YAML)."""
    text = CONTACT
    for key, value in lines.items():
        pattern = re.compile(rf"^{key}: .*$", re.M)
        text = pattern.sub(f"{key}: {value}", text) if pattern.search(text) else text.replace(
            "review_by:", f"{key}: {value}\nreview_by:")
    return text


def where(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    """Positions and codes only."""
    return [(d.line, d.column, d.code) for d in diagnostics]


def test_the_base_contact_is_valid() -> None:
    data, diagnostics = load(CONTACT)
    assert diagnostics == [] and data.name == "Bob Stone"


def test_alias_bomb_is_refused_at_the_first_anchor_before_reading_on() -> None:
    levels = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    # A syntax error after the bomb: reaching it would mean the parser read past the first anchor.
    text = "---\n" + "\n".join(levels) + "\nbroken: [unclosed\n---\n"
    data, diagnostics = load(text)
    assert data is None
    assert where(diagnostics) == [(2, 7, "AP007")]
    assert "anchor '&l0' is not allowed" in diagnostics[0].message


def test_alias_alone_is_refused() -> None:
    _, diagnostics = load(contact_with(dotted_to="*boss"))
    assert where(diagnostics) == [(11, 12, "AP007")] and "alias '*boss'" in diagnostics[0].message


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}"), ("- ", "")],
                         ids=["flow-list", "flow-map", "block-list"])
def test_thousand_levels_of_nesting_is_a_clean_error(opening: str, closing: str) -> None:
    data, diagnostics = load("---\ndotted_to:\n  " + opening * 1000 + "x" + closing * 1000 + "\n---\n")
    assert data is None
    assert [(d.line, d.code) for d in diagnostics] == [(3, "AP007")]
    assert "nesting" in diagnostics[0].message and "deep" in diagnostics[0].message


def test_nesting_past_the_limit_is_refused_at_the_level_that_crosses_it() -> None:
    # The root mapping is level 1, so the 64th opening bracket is the one refused.
    _, diagnostics = load("---\ndotted_to:\n  " + "[" * 100 + "x" + "]" * 100 + "\n---\n")
    assert where(diagnostics) == [(3, 3 + yamlnodes.MAX_DEPTH - 1, "AP007")]
    assert f"deeper than {yamlnodes.MAX_DEPTH} levels" in diagnostics[0].message


@pytest.mark.parametrize("day", ["2023-02-30", "0000-00-00", "2026-13-01", "2026-1-5", "soon"])
def test_impossible_dates_are_errors_at_their_line(day: str) -> None:
    data, diagnostics = load(contact_with(review_by=day))
    assert data is None
    assert where(diagnostics) == [(11, 12, "AP105")]
    assert f"found '{day}'" in diagnostics[0].message


@pytest.mark.parametrize("value", ["NO", "yes", "010", "1.10", "off", "null_", "~x", "2026-11-27"])
def test_implicit_typing_leaves_text_fields_as_written(value: str) -> None:
    data, diagnostics = load(contact_with(title=value, department=value, goals=value))
    assert diagnostics == []
    assert (data.title, data.department, data.goals) == (value, value, value)


def test_country_no_stays_norway_in_the_roster() -> None:
    data, diagnostics = load("people:\n  - {id: p-ann, name: Ann, title: AR, region: NO}\n", Roster, markdown=False)
    assert diagnostics == [] and data.people[0].region == "NO"


@pytest.mark.parametrize(
    "field, value, code",
    [("coach", "yes", "AP102"), ("coach", "NO", "AP102"), ("coach", "on", "AP102"), ("influence", "010", "AP102"),
     ("influence", "1.10", "AP102"), ("influence", "0x4", "AP102"), ("influence", "4_0", "AP102"),
     ("influence", "'4'", "AP102"), ("review_by", "20261127", "AP105")],
)
def test_implicit_typing_in_typed_fields_is_an_error(field: str, value: str, code: str) -> None:
    text = contact_with(**{field: value})
    data, diagnostics = load(text)
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith(field))
    assert where(diagnostics) == [(line, len(field) + 3, code)]
    # An optional field keeps its default (the file fails the check); a required one loses the record.
    assert data is None or getattr(data, field) is False
    assert f"found '{value.strip(chr(39))}'" in diagnostics[0].message


def test_duplicate_keys_name_both_lines() -> None:
    text = CONTACT.replace("support: 4\n", "support: 2\nowners: [p-ann]\nsupport: 4\n")
    _, diagnostics = load(text)
    assert where(diagnostics) == [(12, 1, "AP009")]
    assert "duplicate key 'support' (first on line 10)" in diagnostics[0].message


@pytest.mark.parametrize(
    "tagged",
    ["!!python/object/apply:os.system ['touch /tmp/x']", "!!python/name:os.system", "!custom value",
     "!!binary aGVsbG8=", "!!str CTO"],
)
def test_tags_are_refused_and_never_constructed(tagged: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object) -> int:
        raise AssertionError("os.system was called")

    monkeypatch.setattr(os, "system", forbidden)
    _, diagnostics = load(contact_with(title=tagged))
    assert where(diagnostics) == [(4, 8, "AP007")] and "tag" in diagnostics[0].message


def test_no_unsafe_yaml_loader_anywhere_in_the_package() -> None:
    unsafe = re.compile(r"yaml\.(unsafe_load|full_load|load_all)\b|Loader=yaml\.(Full|Unsafe)?Loader\b|"
                        r"yaml\.load\((?![^)]*Loader=[\w.]*(Safe|Config)\w*Loader)|typ=[\"'](unsafe|full)")
    assert unsafe.search("yaml.load(f)") and unsafe.search("YAML(typ='unsafe')")
    assert not unsafe.search("yaml.load(f, Loader=yaml.CSafeLoader)")
    package = Path(generator.__file__).parent
    offenders = [f"{p}:{n}" for p in package.rglob("*.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if unsafe.search(line)]
    assert offenders == []


@pytest.mark.parametrize(
    "frontmatter, line, code, words",
    [
        ("", 2, "AP008", "found empty"),
        ("# only a comment\n", 2, "AP008", "found empty"),
        ("- id: c-bob\n- name: Bob\n", 2, "AP008", "found a list"),
        ("just a sentence\n", 2, "AP008", "found a single value"),
        ("'quoted scalar'\n", 2, "AP008", "found a single value"),
        ("id: c-bob\n--- # second document\nname: Bob\n", 3, "AP006", "several YAML documents"),
        ("id: c-bob\n...\n", 0, "", ""),
    ],
    ids=["empty", "comment", "list", "scalar", "quoted", "several-documents", "document-end"],
)
def test_frontmatter_must_be_one_mapping(frontmatter: str, line: int, code: str, words: str) -> None:
    data, diagnostics = load(f"---\n{frontmatter}---\nBody\n")
    if not code:
        # '...' ends the frontmatter like '---'; what follows is body, and the missing fields are reported.
        assert {d.code for d in diagnostics} == {"AP103"}
        return
    assert data is None
    assert where(diagnostics) == [(line, 1, code)] and words in diagnostics[0].message


def test_several_documents_in_the_roster_are_refused() -> None:
    _, diagnostics = load("people: []\n---\npeople: []\n", Roster, markdown=False)
    assert where(diagnostics) == [(2, 1, "AP006")]
