"""The rules page's documentation is converted once a process (a server assembles the page after every save)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from generator.render import rules
from generator.render.markup import to_html


def _site() -> Any:
    t = SimpleNamespace(lang="en", enum=lambda kind, value: value)
    return SimpleNamespace(t=t, settings=SimpleNamespace(rules={}))


def test_each_rule_document_is_converted_once_and_as_before() -> None:
    first = rules.rule_list(_site())  # what the page's part makes (rules_view asks the kept parts for it)
    converted = rules._doc_html.cache_info().misses
    again = rules.rule_list(_site())
    assert again == first and len(first) > 20
    assert rules._doc_html.cache_info().misses == converted  # nothing converted the second time
    assert any(rule["doc"] for rule in first)
    assert all(rule["doc"] == to_html(doc) for rule, doc in zip(again, _bodies(), strict=True))


def _bodies() -> list[str]:
    """Each rule's documentation text as the view reads it (English)."""
    from generator import translate
    from generator.rules import registry

    out = []
    for code in sorted(registry()):
        doc = registry()[code].doc.strip()
        out.append(translate.rule_doc(code, "en") or (doc.split("\n", 1)[1] if "\n" in doc else ""))
    return out
