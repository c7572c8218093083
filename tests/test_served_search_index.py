"""A dirty server's search index after a save: each rebuilt page's entries in place of its old ones, each page once.

Material's own merge drops only the old entries whose address starts with the first rebuilt entry's: every other
page a save rebuilt was listed twice, and a rebuilt home page (address ``""``) dropped every page not rebuilt.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex, SearchPlugin

from generator.mkdocs_plugin.search_index import replaced, settle_served


def _entries(*locations: str) -> list[dict[str, Any]]:
    return [{"location": location, "title": location, "text": "old"} for location in locations]


BEFORE = _entries("", "#intro", "a/", "a/#x", "b/", "c/")


def test_rebuilt_pages_take_their_places_and_each_page_is_listed_once() -> None:
    rebuilt = [{"location": "b/", "text": "new"}, {"location": "", "text": "new"}, {"location": "d/", "text": "new"}]
    merged = replaced(BEFORE, rebuilt)
    assert [(e["location"], e["text"]) for e in merged] == [
        ("", "new"), ("a/", "old"), ("a/#x", "old"), ("b/", "new"), ("c/", "old"), ("d/", "new")]


@pytest.mark.parametrize("first", ["", "b/"])
def test_the_plugin_writes_the_settled_index_and_keeps_it_for_the_next_save(first: str) -> None:
    plugin = SearchPlugin()
    plugin.load_config({})
    plugin.is_dirty = True
    plugin.search_index_prev = SimpleNamespace(entries=list(BEFORE))
    plugin.search_index = SearchIndex(**plugin.config)
    plugin.search_index.entries = [{"location": first, "text": "new"}, {"location": "c/", "text": "new"}]
    config = SimpleNamespace(plugins={"material/search": plugin})
    settle_served(config)  # type: ignore[arg-type]
    assert plugin.search_index_prev is None  # Material then writes the entries as they are
    pages = [e["location"].split("#")[0] for e in plugin.search_index.entries]
    assert sorted(set(pages)) == ["", "a/", "b/", "c/"]
    assert pages.count("c/") == 1 and pages.count(first) == 1
