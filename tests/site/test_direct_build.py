"""A build handing MkDocs finished HTML and search sections (issue 18) writes what the Markdown path writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import mkdocs_build, pinned_config


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("parent", ["mkdocs.zh.yml"])
def test_direct_html_and_search_sections_give_the_same_site(tmp_path: Path, parent: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = pinned_config(tmp_path, parent)
    direct = mkdocs_build(config, tmp_path / "direct")
    monkeypatch.setenv("ACCOUNTPLAN_MARKDOWN", "1")  # generated pages through Python-Markdown and the search parser
    markdown = mkdocs_build(config, tmp_path / "markdown")
    assert direct.returncode == 0 and markdown.returncode == 0, direct.log + markdown.log
    ours, theirs = _files(direct.site), _files(markdown.site)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert "search/search_index.json" in ours and len(ours) > 50
