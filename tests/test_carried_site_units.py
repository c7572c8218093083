"""The carried site's cheap paths (issue 18, P2/P4): kept pages compared by key, search entries merged as bytes.

The byte-identity of whole builds is tested in ``tests/site/test_carried_site.py``; here, that the
cheap paths give what the expensive ones gave, and that they really skip the expensive work.
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from generator.incremental import site as carried_site
from generator.incremental import site_copy, site_index, site_manifest
from generator.render import parallel
from generator.render.parallel import Pages

ENTRIES = [
    [{"location": "a/", "title": "A", "text": "Ünïcode 主航道 \"quoted\" <b>"},
     {"location": "a/#x", "title": "X", "text": ""}],
    [],
    [{"location": "b/", "title": "B", "text": "b", "tags": ["t"], "boost": 2}],
]


def _index(data: dict[str, Any], pages: list[bytes]) -> bytes:
    chunks = site_index.index_chunks(data, pages)
    assert chunks is not None
    return b"".join(chunks)


def test_merged_index_is_the_json_of_the_merged_entries() -> None:
    data = {"config": {"lang": ["en"], "separator": "[\\s\\-]+"}, "docs": [{"stale": True}]}
    text = _index(data, [site_index.pack(page) for page in ENTRIES])
    merged = [entry for page in ENTRIES for entry in page]
    assert text == json.dumps({**data, "docs": merged}, separators=(",", ":"), default=str).encode("utf-8")
    assert _index(data, [site_index.pack([]), site_index.pack([])]) == \
        json.dumps({**data, "docs": []}, separators=(",", ":")).encode("utf-8")


def test_an_index_laid_out_otherwise_is_not_merged() -> None:
    assert site_index.index_chunks({"docs": [], "config": {}}, [site_index.pack(ENTRIES[0])]) is None


def test_a_dropped_page_is_never_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = Pages()
    pages["accounts/a/index.md"] = "# A\n"  # kept compressed while it waits
    monkeypatch.setattr(parallel, "unpack", lambda data: pytest.fail("unpacked"))
    pages.drop("accounts/a/index.md")
    with pytest.raises(KeyError, match="already handed over"):
        pages["accounts/a/index.md"]


def test_asking_whether_a_page_is_there_never_unpacks_it(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = Pages()
    pages["accounts/a/index.md"] = "# A\n"
    pages["accounts/b/index.md"] = "# B\n"
    pages.release("accounts/b/index.md")
    monkeypatch.setattr(parallel, "unpack", lambda data: pytest.fail("unpacked"))
    assert "accounts/a/index.md" in pages
    assert "accounts/b/index.md" not in pages  # handed over: as reading it says
    assert "accounts/c/index.md" not in pages


class _File:
    """A generated page whose text must not be read."""

    generated_by = "accountplan"

    def __init__(self, src: str) -> None:
        self.src_uri, self.dest_uri = src, src.replace(".md", ".html")

    @property
    def content_bytes(self) -> bytes:
        raise AssertionError("the text of a page with a content key was read")

    def is_documentation_page(self) -> bool:
        return True


def _site(before: dict[str, bytes] | None, keys: dict[str, str]) -> carried_site.CarriedSite:
    """A carried site as :meth:`~generator.incremental.site.CarriedSite.attach` leaves it, with these page keys."""
    site = carried_site.CarriedSite("/nowhere", "signature", SimpleNamespace(site_dir="/nowhere/site"))
    site._page_key = keys.get
    if before is not None:
        site.before = site_manifest.Manifest("signature", before, {}, {}, "")
        site.full = False
    return site


def test_a_page_with_a_content_key_is_compared_by_its_key_not_its_text() -> None:
    keys = {"accounts/a.md": "key-1"}
    first = _site(None, keys)
    first._modified(_File("accounts/a.md"))
    kept: Any = first.sources["accounts/a.md"]
    assert kept is not None

    same = _site({"accounts/a.md": kept}, keys)
    assert same._modified(_File("accounts/a.md")) is False
    assert "accounts/a.md" in same.skipped

    keys["accounts/a.md"] = "key-2"  # any input of the page changed
    other = _site({"accounts/a.md": kept}, keys)
    assert other._modified(_File("accounts/a.md")) is True


def test_a_servers_restored_files_are_oldest_until_its_first_build_ends_well(tmp_path: Any) -> None:
    """A server stopped (or failed) during its first build leaves restored files that ``--dirty`` takes for older
    than any source, so the next server builds them; a first build that ends dates them when the pages were known,
    and a file this build wrote keeps its own time."""
    folder, out = tmp_path / "carried", tmp_path / "kept"
    data = {"index.html": b"<html>home", "accounts/a/index.html": b"<html>a"}
    for relative, content in data.items():
        (folder / "tree" / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / "tree" / relative).write_bytes(content)
    out.mkdir()
    manifest = site_manifest.Manifest("signature", {}, {r: site_copy.file_hash(c) for r, c in data.items()}, {}, "")
    site = carried_site.CarriedSite(str(folder), "signature", SimpleNamespace(site_dir=str(out)), keep=False)
    site._copy(manifest)
    assert not site._copy_failed
    assert [(out / r).stat().st_mtime_ns for r in data] == [0, 0]
    site.attached_at = 1_800_000_000_000_000_000
    (out / "index.html").write_bytes(b"<html>rebuilt")  # a page this build wrote
    written = (out / "index.html").stat().st_mtime_ns
    site._date_restored()
    assert (out / "accounts/a/index.html").stat().st_mtime_ns == site.attached_at
    assert (out / "index.html").stat().st_mtime_ns == written


def test_a_servers_index_gets_the_carried_entries_in_page_order_with_its_drafts() -> None:
    from mkdocs.structure.files import InclusionLevel

    class Page:
        def __init__(self, url: str) -> None:
            self.url = url

    class File:
        def __init__(self, src: str, url: str, draft: bool = False) -> None:
            self.src_uri, self.page = src, Page(url)
            self.inclusion = InclusionLevel.DRAFT if draft else InclusionLevel.INCLUDED

    class Files:
        def __init__(self, files: list[File]) -> None:
            self.files = files

        def documentation_pages(self, *, inclusion: Any) -> list[File]:
            return [f for f in self.files if inclusion(f.inclusion)]

    files = [File("index.md", ""), File("a.md", "a/"), File("draft.md", "draft/", draft=True), File("b.md", "b/")]
    site = _site({"index.md": b"k", "a.md": b"k", "b.md": b"k"}, {})
    site.keep, site.files = False, Files(files)
    carried = {"index.md": [{"location": "", "text": "home"}], "b.md": [{"location": "b/#x", "text": "b"}]}
    site.skipped = {src: object() for src in carried}
    records = {src: site_manifest.PageRecord(None, None, {}, site_index.pack(entries))
               for src, entries in carried.items()}
    site.before = site_manifest.Manifest("signature", {}, {}, records, "")
    built = [{"location": "draft/", "text": "draft"}, {"location": "a/", "text": "a"}]
    entries = list(built)
    site.merge_served(entries)
    assert [e["text"] for e in entries] == ["home", "a", "draft", "b"]

    stray = [*built, {"location": "tags/", "text": "another plugin's page"}]
    assert site.merge_served(stray)  # an entry of no page comes last, as after a save; the index is still whole
    assert [e["text"] for e in stray] == ["home", "a", "draft", "b", "another plugin's page"]


def test_a_carried_pages_anchors_answer_as_the_set_they_were() -> None:
    ids = {"a", "x-1", "主航道", "with space", 'q"uote', "line\nbreak"}
    packed = site_manifest.packed_anchors(ids)
    assert packed is not None and site_manifest.packed_anchors(None) is None
    anchors = site_manifest.Anchors(packed)
    assert all(anchor in anchors for anchor in ids)
    assert "b" not in anchors and "" not in anchors and "a\n" not in anchors
    assert site_manifest.packed_anchors(set()) == "[]" and "a" not in site_manifest.Anchors("[]")
