"""What the plugin does to hold less memory in a build changes no byte of the site (issue 18, P4).

The search index written page by page (generator/mkdocs_plugin/search_index.py), generated
pages' HTML held compressed until written (generator/mkdocs_plugin/held.py) and the index's
Chinese words cut in a helper process (generator/mkdocs_plugin/segment.py). Each language's
sample site is built twice in real ``mkdocs build`` processes: as it is, and with all three
switched off, so Material's search plugin holds every entry, cuts with jieba in the building
process and writes the index in one piece, and every page's HTML waits as it is.
Every file of the two sites must be the same bytes, the search index
above all (its Chinese segmentation included: the English site's pages hold Chinese terms too).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jieba  # type: ignore[import-untyped]
import pytest
from sitebuild import REPO, mkdocs_build, pinned_config

from generator.mkdocs_plugin.segment import Segmenter

UNSPOOLED = ("import sys; import generator.mkdocs_plugin.search_index as s; s._material_search = lambda config: None; "
             "from generator.mkdocs_plugin.held import Held; Held.hold = lambda self, page, html, packed=None: html; "
             "from generator.mkdocs_plugin.segment import Segmenting; Segmenting.start = lambda self, config: None; "
             "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()")
"""``mkdocs`` with all three off: the search plugin as it is, pages keeping their HTML."""


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("parent", ["mkdocs.yml", "mkdocs.zh.yml"])
def test_the_site_is_the_one_built_holding_everything(tmp_path: Path, parent: str) -> None:
    config = pinned_config(tmp_path, parent)
    spooled = mkdocs_build(config, tmp_path / "spooled")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    whole = subprocess.run([sys.executable, "-c", UNSPOOLED, "build", "-f", str(config), "-d", str(tmp_path / "whole")],
                           cwd=REPO, capture_output=True, text=True, env=env, timeout=600)
    assert spooled.returncode == 0 and whole.returncode == 0, spooled.log + whole.stdout + whole.stderr
    ours, theirs = _files(spooled.site), _files(tmp_path / "whole")
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    index = json.loads(ours["search/search_index.json"])
    assert len(index["docs"]) > 100
    # Chinese text was segmented (jieba's zero-width separators), in the English site as in the Chinese one.
    assert any("\u200b" in entry["text"] for entry in index["docs"])


def test_the_helper_cuts_as_jieba_does_without_loading_it_here() -> None:
    runs = ["关键客户关系", "一多", "支持度只能表现在项目的支持度上", "现金牛客户", "铁三角", "盐碱地市场"]
    loaded = jieba.dt.initialized  # by another test of this process, perhaps
    segmenter = Segmenter(jieba)
    try:
        words = [segmenter.cut(run.encode("utf-8")) for run in runs]
        assert segmenter.helper is not None, "the helper failed: jieba was asked in this process"
        assert segmenter.cut(runs[0].encode("utf-8")) is words[0]  # each run is asked once
    finally:
        segmenter.close()
    assert jieba.dt.initialized == loaded  # the dictionary was loaded by the helper, not here
    assert words == [list(jieba.cut(run.encode("utf-8"))) for run in runs]
    assert any(len(w) > 1 for w in words)


def test_the_helper_never_imports_from_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A pull request can put any file in the working tree: a jieba.py (or json.py) there must not run in the helper.
    planted = tmp_path / "ran"
    for name in ("jieba", "json", "logging"):
        (tmp_path / f"{name}.py").write_text(f"open({str(planted)!r}, 'a').write({name!r})\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    segmenter = Segmenter(jieba)
    try:
        words = segmenter.cut("关键客户关系".encode())
        assert segmenter.helper is not None, "the helper failed: jieba was asked in this process"
    finally:
        segmenter.close()
    assert not planted.exists()
    assert words == list(jieba.cut("关键客户关系".encode()))


def test_a_helper_that_died_hands_the_cutting_back_without_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.mkdocs_plugin.segment.HELPER", "import sys; sys.exit(0)")
    segmenter = Segmenter(jieba)
    assert segmenter.helper is not None
    segmenter.helper.wait(timeout=30)  # gone before it is asked: its pipe is broken
    words = segmenter.cut("关键客户关系".encode())
    assert segmenter.helper is None  # this process cuts from now on
    assert words == list(jieba.cut("关键客户关系".encode()))
    segmenter.close()
