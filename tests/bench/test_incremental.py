"""Dirty previews rebuild only the pages whose text changed: the page store keeps unchanged pages old."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator import usercache
from generator.incremental import store as page_store


def _mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*.md"))}


def test_only_changed_pages_are_rewritten_and_gone_pages_removed(tmp_path: Path) -> None:
    store = tmp_path / "store"
    pages = {"accounts/a/index.md": "# A\n", "accounts/b/index.md": "# B\n", "accounts/index.md": "A B\n"}
    paths, written = page_store.sync_pages(pages, str(store))
    assert written == set(pages)
    assert Path(paths["accounts/a/index.md"]).read_text(encoding="utf-8") == "# A\n"
    for path in store.rglob("*.md"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # as if written long ago
    before = _mtimes(store)

    _, written = page_store.sync_pages(pages, str(store))
    assert written == set() and _mtimes(store) == before

    changed = {**pages, "accounts/a/index.md": "# A, edited\n"}
    del changed["accounts/b/index.md"]
    _, written = page_store.sync_pages(changed, str(store))
    assert written == {"accounts/a/index.md"}
    after = _mtimes(store)
    assert after["accounts/index.md"] == before["accounts/index.md"]
    assert after["accounts/a/index.md"] > before["accounts/a/index.md"]
    assert "accounts/b/index.md" not in after
    assert not list(store.rglob("*.tmp"))


def test_unchanged_store_pages_are_not_modified_for_mkdocs(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = None  # set by MkDocs while it runs a plugin event
    store = page_store.store_for(str(tmp_path / "mkdocs.yml"), "en")
    assert store.startswith(os.path.join(str(usercache.project_folder(tmp_path)), "pages"))  # not in the project
    pages = {"accounts/a/index.md": "# A\n", "accounts/b/index.md": "# B\n"}
    files = page_store.page_files(config, pages, store)
    assert sorted(f.src_uri for f in files) == sorted(pages)
    for f in files:
        # The HTML of the previous build exists and is newer than the stored page.
        os.makedirs(os.path.dirname(f.abs_dest_path), exist_ok=True)
        Path(f.abs_dest_path).write_text("<html>", encoding="utf-8")
        os.utime(f.abs_src_path, ns=(1_000_000_000, 1_000_000_000))
    again = page_store.page_files(config, {**pages, "accounts/b/index.md": "# B, edited\n"}, store)
    modified = {f.src_uri: f.is_modified() for f in again}
    assert modified == {"accounts/a/index.md": False, "accounts/b/index.md": True}


def test_dirty_serving_is_remembered_for_the_process() -> None:
    try:
        page_store.note_startup("build", True)
        assert not page_store.dirty_serving()
        page_store.note_startup("serve", True)
        assert page_store.dirty_serving()
    finally:
        page_store.note_startup("serve", False)
    assert not page_store.dirty_serving()


def test_a_memo_keeps_what_the_last_build_used_and_drops_the_rest() -> None:
    from generator.incremental.memo import Memo

    kept: Memo[str] = Memo()
    kept.start()
    assert [kept.get(k, lambda k=k: k.upper()) for k in ("a", "b")] == ["A", "B"] and kept.computed == 2
    kept.start()
    assert kept.get("a", lambda: "new") == "A" and kept.computed == 0  # reused from the previous build
    kept.start()
    assert kept.get("b", lambda: "again") == "again" and kept.computed == 1  # unused by the last build: dropped


def test_lifted_blocks_come_back_exactly_and_change_the_page_when_they_change() -> None:
    from generator.incremental import lift
    from generator.render.heavy import settle

    body = "# T\n\n<!--ap:lift-->\n<table><tr><td>1</td></tr></table>\n<!--/ap:lift-->\n\n## Next\n"
    blocks: dict[str, str] = {}
    page = lift.lift(body, blocks)
    assert "<table>" not in page and len(blocks) == 1
    assert lift.restore(page, blocks) == settle(body) == body.replace(
        "<!--ap:lift-->\n", "<div data-search-exclude>\n").replace("<!--/ap:lift-->\n", "</div>\n")
    other = lift.lift(body.replace("<td>1</td>", "<td>2</td>"), blocks)
    assert other != page  # the placeholder names the block's content: --dirty sees the page changed
    assert [block for _, block in lift.lifted(other, blocks)] == [
        "<div data-search-exclude>\n<table><tr><td>2</td></tr></table>\n</div>"]


class _Asked(dict[str, str]):
    """Pages that note every text asked of them (the page store should ask only for pages it cannot vouch for)."""

    def __init__(self, pages: dict[str, str]) -> None:
        super().__init__(pages)
        self.asked: list[str] = []

    def __getitem__(self, src: str) -> str:
        self.asked.append(src)
        return super().__getitem__(src)


def test_a_page_whose_key_and_file_are_unchanged_is_not_read_even_by_the_next_server(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(page_store, "_written", {})  # this server's process
    store = page_store.store_for(str(tmp_path / "mkdocs.yml"), "en")
    pages = {"accounts/a/index.md": "# A\n", "accounts/b/index.md": "# B\n", "accounts/index.md": "A B\n"}
    keys = {"accounts/a/index.md": "key-a", "accounts/b/index.md": "key-b"}
    _, written = page_store.sync_pages(pages, store, keys)
    assert written == set(pages)
    page_store.seal_keys()  # the server stops
    monkeypatch.setattr(page_store, "_written", {})  # the next server's process
    asked = _Asked(pages)
    _, written = page_store.sync_pages(asked, store, keys)
    assert written == set() and asked.asked == ["accounts/index.md"]  # the page without a key is compared as text

    # Another key, or a file changed behind the store's back, is read and compared; a new text is written.
    (Path(store) / "accounts" / "b" / "index.md").write_text("# B, by hand\n", encoding="utf-8")
    asked = _Asked({**pages, "accounts/a/index.md": "# A, edited\n"})
    _, written = page_store.sync_pages(asked, store, {**keys, "accounts/a/index.md": "key-a2"})
    assert written == {"accounts/a/index.md", "accounts/b/index.md"}
    assert (Path(store) / "accounts" / "b" / "index.md").read_text(encoding="utf-8") == "# B\n"
    asked = _Asked({**pages, "accounts/a/index.md": "# A, edited\n"})
    _, written = page_store.sync_pages(asked, store, {**keys, "accounts/a/index.md": "key-a2"})
    assert written == set() and asked.asked == ["accounts/index.md"]


def test_sealed_keys_are_not_trusted_when_not_sealed_by_this_user(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(page_store, "_written", {})  # this server's process
    store = page_store.store_for(str(tmp_path / "mkdocs.yml"), "en")
    pages = {"accounts/a/index.md": "# A\n"}
    page_store.sync_pages(pages, store, {"accounts/a/index.md": "key-a"})
    page_store.seal_keys()
    monkeypatch.setattr(page_store, "_written", {})
    keys_file = Path(store + page_store.KEYS)
    keys_file.write_bytes(keys_file.read_bytes()[:-1] + b"x")  # not what was sealed
    asked = _Asked(pages)
    _, written = page_store.sync_pages(asked, store, {"accounts/a/index.md": "key-a"})
    assert written == set() and asked.asked == ["accounts/a/index.md"]  # compared with its file instead
