"""What the plugin does to hold less memory in a build changes no byte of the site (issue 18, P4).

The search index written page by page (generator/mkdocs_plugin/search_index.py) and generated
pages' HTML held compressed until written (generator/mkdocs_plugin/held.py). Each language's
sample site is built twice in real ``mkdocs build`` processes: as it is, and with both switched
off, so Material's search plugin holds every entry and writes the index in one piece and every
page's HTML waits as it is. Every file of the two sites must be the same bytes, the search index
above all (its Chinese segmentation included: the English site's pages hold Chinese terms too).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import REPO, mkdocs_build, pinned_config

UNSPOOLED = ("import sys; import generator.mkdocs_plugin.search_index as s; s._material_search = lambda config: None; "
             "from generator.mkdocs_plugin.held import Held; Held.hold = lambda self, page, html: html; "
             "from mkdocs.__main__ import cli; sys.argv[0] = 'mkdocs'; cli()")
"""``mkdocs`` with both off: the search plugin keeps its entries and writes its index itself, pages keep their HTML."""


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
