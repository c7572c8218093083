"""A dirty server's search index: every page's entries once, in page order, those of the pages a build rebuilt new.

Material's own merge drops only the old entries whose address starts with the first rebuilt entry's: every other
page a save rebuilt was listed twice, a rebuilt home page (address ``""``) dropped every page not rebuilt, and a
deleted page stayed. A restarted server's first build indexed only the pages it rebuilt: search found nothing else.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.structure.files import File, Files

from generator.mkdocs_plugin import preview
from generator.mkdocs_plugin.search_index import in_page_order, keep_served, kept_index, settle_served


def _entries(*locations: str) -> list[dict[str, Any]]:
    return [{"location": location, "title": location, "text": "old"} for location in locations]


BEFORE = _entries("", "#intro", "a/", "a/#x", "b/", "c/", "gone/")
PAGES = ["", "a/", "b/", "c/", "d/"]


def _kept_entries(folder: Path) -> list[dict[str, Any]] | None:
    found = kept_index(str(folder))
    return found[0] if found is not None else None


def _files(urls: list[str]) -> Files:
    """Documentation pages at these addresses, each with its page (as after MkDocs read them)."""
    files = []
    for url in urls:
        file = File(f"{url or 'index'}.md".replace("/.md", ".md"), "docs", "site", use_directory_urls=True)
        file.page = SimpleNamespace(url=url)  # type: ignore[assignment]
        files.append(file)
    return Files(files)


def test_rebuilt_pages_take_their_places_each_page_once_and_deleted_pages_go() -> None:
    rebuilt = [{"location": "b/", "text": "new"}, {"location": "", "text": "new"}, {"location": "d/", "text": "new"},
               {"location": "tags/", "text": "new"}]
    merged = [entry for group in in_page_order(BEFORE, rebuilt, PAGES, {"", "b/", "c/", "d/"}) for entry in group]
    assert [(e["location"], e["text"]) for e in merged] == [
        ("", "new"), ("a/", "old"), ("a/#x", "old"), ("b/", "new"), ("d/", "new"), ("tags/", "new")]
    # c/ was built and has no entries now (excluded from search); gone/ is no page any more.


def _plugin(previous: list[dict[str, Any]] | None, rebuilt: list[dict[str, Any]]) -> SearchPlugin:
    plugin = SearchPlugin()
    plugin.load_config({})
    plugin.is_dirty = True
    plugin.search_index_prev = SimpleNamespace(entries=list(previous)) if previous is not None else None
    plugin.search_index = SearchIndex(**plugin.config)
    plugin.search_index.entries = rebuilt
    return plugin


@pytest.mark.parametrize("first", ["", "b/"])
def test_the_settled_index_is_written_whole_and_kept_for_the_next_save(first: str, tmp_path: Path) -> None:
    plugin = _plugin(BEFORE, [{"location": first, "text": "new"}, {"location": "c/", "text": "new"}])
    config = SimpleNamespace(plugins={"material/search": plugin}, site_dir=str(tmp_path))
    assert settle_served(config, _files(PAGES), {first, "c/"}) is plugin  # type: ignore[arg-type]
    assert plugin.search_index_prev is plugin.search_index  # as the plugin keeps it after its own write
    pages = [e["location"].split("#")[0] for e in plugin.search_index.entries]
    assert sorted(set(pages)) == ["", "a/", "b/", "c/"]
    assert pages.count("c/") == 1 and pages.count(first) == 1
    # The file is what the plugin itself would write of these entries, byte for byte.
    written = (tmp_path / "search" / "search_index.json").read_bytes()
    assert written == plugin.search_index.generate_search_index(None).encode("utf-8")

    # The next save: pages not rebuilt keep their encoding; the rebuilt one is encoded anew.
    plugin.search_index = SearchIndex(**plugin.config)
    plugin.search_index.entries = [{"location": "a/", "text": "newer"}]
    settle_served(config, _files(PAGES), {"a/"})  # type: ignore[arg-type]
    written = (tmp_path / "search" / "search_index.json").read_bytes()
    assert written == plugin.search_index.generate_search_index(None).encode("utf-8")
    assert [e["text"] for e in json.loads(written)["docs"] if e["location"] == "a/"] == ["newer"]


def test_a_first_build_takes_the_index_the_last_server_left_in_its_kept_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": BEFORE}, separators=(",", ":")), encoding="utf-8")
    plugin = _plugin(None, [])
    config = SimpleNamespace(plugins={"material/search": plugin}, site_dir=str(tmp_path))
    keep_served(config)  # type: ignore[arg-type]
    plugin.search_index.entries = [{"location": "a/", "text": "new"}]
    settle_served(config, _files(PAGES), {"a/"})  # type: ignore[arg-type]
    assert len(plugin.search_index.entries) == 1  # not a kept folder of this process: nothing of it is read

    monkeypatch.setattr(preview, "_locks", {str(tmp_path): None})
    keep_served(config)  # type: ignore[arg-type]
    # A file of the docs folder at the index's address is copied over it before the pages are built: too late.
    index.write_text(json.dumps({"config": {}, "docs": _entries("poison/")}, separators=(",", ":")), encoding="utf-8")
    settle_served(config, _files(PAGES), {"a/"})  # type: ignore[arg-type]
    assert [(e["location"], e["text"]) for e in plugin.search_index.entries] == [
        ("", "old"), ("#intro", "old"), ("a/", "new"), ("b/", "old"), ("c/", "old")]
    written = index.read_bytes()  # from the kept entries' own text: what the plugin would write of them
    assert written == plugin.search_index.generate_search_index(None).encode("utf-8")


@pytest.mark.parametrize("text", [
    "", "not json", "[]", '{"config":{},"docs":{}}', '{"config":{},"docs":[1]}',
    '{"config":{},"docs":[{"location":1}]}', '{"config":{},"docs":[{}]}', "[" * 100_000, '{"config":{},"docs":"x"}',
    '{"config":{},"docs":[{"location":"a/"},]}',
    '{"config":{},"docs":[{"location":"a/"}{"location":"b/"}]}', '{"config":{,"docs":[]}',
    '{"config":{},"docs":[{"location":"a/"}]}x]}', '{"docs": [{"location": "a/"}]}'])
def test_a_kept_index_that_is_not_a_list_of_entries_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(preview, "_locks", {str(tmp_path): None})
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(text, encoding="utf-8")
    assert _kept_entries(tmp_path) is None
    (tmp_path / "search" / "search_index.json").write_text('{"config":{},"docs":[{"location":"a/"}]}', encoding="utf-8")
    assert _kept_entries(tmp_path) == [{"location": "a/"}]
    (tmp_path / "search" / "search_index.json").write_text('{"config":{},"docs":[]}', encoding="utf-8")
    assert _kept_entries(tmp_path) == []


def test_a_kept_index_not_written_as_the_plugin_writes_is_encoded_as_it_would(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "_locks", {str(tmp_path): None})
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"config":{},"docs":[{"location":"a/","text":"é"}]}',
                                                           encoding="utf-8")
    found = kept_index(str(tmp_path))
    assert found is not None and found[1]["a/"][1] == b'{"location":"a/","text":"\\u00e9"}'


def test_a_pipe_at_the_kept_index_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "_locks", {str(tmp_path): None})
    (tmp_path / "search").mkdir()
    os.mkfifo(tmp_path / "search" / "search_index.json")  # opening it would wait for a writer for ever
    assert _kept_entries(tmp_path) is None
