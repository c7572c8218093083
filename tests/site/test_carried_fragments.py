"""The portfolio-wide pages put together from carried lines are the cold build's, byte for byte (issue 18, P2/P3).

Real ``accountplan build --fail-on error`` processes on the sample: build A fills the cache folder,
then one account is edited at a time and a merge build in a new process takes every line of the
portfolio, grouping and rule pages that did not change from the sealed fragments of the build
before it (:mod:`generator.incremental.fragments`), while a cold build with an empty cache gives the
bytes to compare: every file of the two sites is the same. Each edit changes what these pages add
up from their lines: an account's row and its place in the sorted lists, a tier's count and
average, a person's row of the team page. A damaged or planted fragments blob is never unpickled.
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_carried_cache import EDITED, _Planted, _same
from test_carried_site import _built
from test_incremental import _project, _replace

from generator import usercache
from generator.incremental import fragments

LINES = re.compile(r"accountplan: (\d+) of (\d+) lines of the portfolio-wide pages carried over")
ACCOUNT = Path("accounts") / EDITED / "account.md"


def _lines(log: str) -> tuple[int, int]:
    """Lines of the portfolio-wide pages a build carried over, and lines in all."""
    found = LINES.search(log)
    assert found is not None, log
    return int(found.group(1)), int(found.group(2))


def _page(site: Path, name: str) -> str:
    return (site / name / "index.html").read_text(encoding="utf-8")


def _renamed(project: Path) -> None:
    """A new name and region: the account's row changes, and it moves first in the region view and its filter."""
    _replace(project / ACCOUNT, "name: Atlas Freight Lines", "name: Aardvark Freight Lines")
    _replace(project / ACCOUNT, "region: Europe-West", "region: Africa-East")


def _retiered(project: Path) -> None:
    """Tier B to C: one tier has an account fewer, another one more, and their averages move."""
    _replace(project / ACCOUNT, "tier: B", "tier: C")


def _owner(project: Path) -> None:
    """A contact changes owner: two people's rows of the team page (relationships owned) change."""
    _replace(project / "accounts" / EDITED / "contacts" / "c-greta-maes.md", "owners: [p-elena-rossi]",
             "owners: [p-tom-hale]")


def _moved(before: Path, after: Path) -> None:
    assert "Aardvark Freight Lines" in _page(after, "accounts")
    region = _page(after, "portfolio/by-region")
    assert region.index("Africa-East") < region.index("Europe-West") and "Africa-East" not in _page(before, "accounts")


def _counted(before: Path, after: Path) -> None:
    assert _page(before, "portfolio/by-tier") != _page(after, "portfolio/by-tier")


def _team(before: Path, after: Path) -> None:
    assert _page(before, "team") != _page(after, "team")


EDITS: list[tuple[Callable[[Path], None], Callable[[Path, Path], None]]] = [
    (_renamed, _moved), (_retiered, _counted), (_owner, _team)]


def test_portfolio_wide_pages_from_carried_lines_are_the_cold_build(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    carried, used = _lines(_built(config, tmp_path / "site-0", cache, monkeypatch))
    assert carried == 0 and used > 10  # the first build makes every line
    for number, (edit, check) in enumerate(EDITS, start=1):
        edit(tmp_path / "project")
        carried, used = _lines(_built(config, tmp_path / f"site-{number}", cache, monkeypatch))
        assert 0 < carried < used  # the edited account's lines (and the chart) made again, the rest carried
        _built(config, tmp_path / f"cold-{number}", tmp_path / f"cold-cache-{number}", monkeypatch)
        _same(tmp_path / f"site-{number}", tmp_path / f"cold-{number}")
        check(tmp_path / f"site-{number - 1}", tmp_path / f"site-{number}")


def test_a_tampered_or_planted_fragments_blob_is_made_again_never_unpickled(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _built(config, tmp_path / "site-a", cache, monkeypatch)
    [blob] = list(cache.glob(f"*/**/{fragments.BLOB}"))
    data = blob.read_bytes()
    assert data.startswith(usercache.MAGIC)
    blob.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit of the payload: the tag no longer matches
    assert _lines(_built(config, tmp_path / "site-b", cache, monkeypatch))[0] == 0
    _same(tmp_path / "site-a", tmp_path / "site-b")
    marker = tmp_path / "unpickled"
    blob.write_bytes(usercache.MAGIC + os.urandom(32) + pickle.dumps(_Planted(marker)))
    assert _lines(_built(config, tmp_path / "site-c", cache, monkeypatch))[0] == 0
    assert not marker.exists()
    _same(tmp_path / "site-a", tmp_path / "site-c")
