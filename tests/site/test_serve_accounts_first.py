"""A save in ``make serve`` rebuilds the changed account's page first, then at once the rest (``fast_render``).

Real ``mkdocs serve --dirty`` processes of the sample portfolio: a saved dossier renames an account, its page
shows the new name, the rebuild the plugin asks for a second later shows it on the portfolio page, and every page
and the search index are then what a server starting cold from the same files keeps, byte for byte. With
``fast_render: false`` a save is one rebuild. What each rebuild renders, and that the portfolio page waits for the
second, is tested in one process (MkDocs holds requests while it builds, so HTTP cannot see between the two).
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pytest
from headless import find_chromium, open_browser
from kept_sites import TIMEOUT, cold_server_site, kept_site, settled
from test_incremental import _project, _rebuild, _same_as_cold, _set_plugin, rendered, serving

from generator.incremental import fragments
from generator.mkdocs_plugin import preview, watch
from tests.bench.serve import free_port, shows, start
from tests.bench.serve import serving as server_running

SLUG = "atlas-freight"
FIRST = "the changed accounts' pages first"


def _rebuilds(log: Path, offset: int, count: int) -> str:
    """The log after ``offset`` once it holds ``count`` finished rebuilds."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")[offset:]
        if text.count("Reloading browsers") >= count:
            return text
        time.sleep(0.1)
    raise AssertionError(log.read_text(encoding="utf-8")[-3000:])


def _rename(dossier: Path, name: str) -> None:
    dossier.write_text(re.sub(r"^name: .*$", f'name: "{name}"', dossier.read_text(encoding="utf-8"), count=1,
                              flags=re.M), encoding="utf-8")


@pytest.mark.parametrize("fast", [pytest.param(True, marks=pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the accounts first needs inotify's change records")), False],
    ids=["accounts-first", "one-rebuild"])
def test_a_save_shows_its_account_first_and_then_serves_what_a_cold_server_serves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    config_file = _project(tmp_path)
    if not fast:
        _set_plugin(config_file, fast_render=False)
    accounts = tmp_path / "accounts"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("ACCOUNTPLAN_CACHE", None)
    log = tmp_path / "serve.log"
    port = free_port()
    with server_running(config_file, env, log, port=port) as server:
        assert start(server, str(accounts), TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
        offset = len(log.read_text(encoding="utf-8"))
        _rename(accounts / SLUG / "account.md", "Atlas Saved First")
        assert server.wait_for(f"/accounts/{SLUG}/", shows("Atlas Saved First"), time.perf_counter(), TIMEOUT)
        after = _rebuilds(log, offset, 2 if fast else 1)
        assert (FIRST in after) == fast, after
        assert server.wait_for("/accounts/", shows("Atlas Saved First"), time.perf_counter(), TIMEOUT)
        time.sleep(3)  # no third rebuild: the one asked for is whole (and asks for none)
        assert log.read_text(encoding="utf-8")[offset:].count("Reloading browsers") == (2 if fast else 1)
        offset = len(log.read_text(encoding="utf-8"))
        _rename(accounts / SLUG / "account.md", "Atlas Saved Twice")  # a second save puts its account first too
        assert server.wait_for(f"/accounts/{SLUG}/", shows("Atlas Saved Twice"), time.perf_counter(), TIMEOUT)
        assert (FIRST in _rebuilds(log, offset, 2 if fast else 1)) == fast
        assert server.wait_for("/accounts/", shows("Atlas Saved Twice"), time.perf_counter(), TIMEOUT)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    served = kept_site(Path(str(preview.site_folder(str(config_file), "en"))))
    cold = cold_server_site(config_file, env, str(accounts), port, tmp_path, monkeypatch, re.compile(FIRST))
    assert served.keys() == cold.keys()
    assert [k for k in cold if served[k] != cold[k]] == []


def test_the_first_rebuild_builds_the_account_alone_and_the_one_it_asks_for_the_rest(
        tmp_path: Path, serving: None, rendered: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """In one process, as the server's rebuilds: the save's rebuild renders the account page alone and leaves the
    portfolio page as it was; the rebuild it asks for renders nothing again and makes every page a cold build's."""
    asked: list[str] = []
    monkeypatch.setattr(watch, "can_ask", lambda root: True)
    monkeypatch.setattr(watch, "ask_later", asked.append)
    config_file = _project(tmp_path)
    site, accounts = tmp_path / "site", tmp_path / "accounts"
    _rebuild(config_file)  # a server's first build is whole
    assert asked == []
    portfolio = (site / "accounts" / "index.html").read_bytes()
    (site / "accounts" / "index.html").unlink()  # MkDocs writes it again: from the kept page, with its tables
    _rename(accounts / SLUG / "account.md", "Atlas Saved First")
    rendered.clear()
    _rebuild(config_file)
    assert rendered == [SLUG] and asked == [str(accounts)]
    assert b"Atlas Saved First" in (site / "accounts" / SLUG / "index.html").read_bytes()
    assert (site / "accounts" / "index.html").read_bytes() == portfolio
    _rebuild(config_file)  # the rebuild it asked for
    assert rendered == [SLUG] and asked == [str(accounts)]
    assert fragments.last["rows"] == 2  # the first rebuild kept the lines of the whole one before it for this one
    assert b"Atlas Saved First" in (site / "accounts" / "index.html").read_bytes()
    _rebuild(config_file)  # no account page changed (a hand-written page saved, say): one whole rebuild, no second
    assert rendered == [SLUG] and asked == [str(accounts)]
    roster = accounts / "roster.yml"  # in every account page's key: one whole rebuild, not every page twice
    roster.write_text(roster.read_text(encoding="utf-8").replace("name: Anna Berg", "name: Anna Berg-Lund"),
                      encoding="utf-8")
    rendered.clear()
    _rebuild(config_file)
    assert len(rendered) > 5 and asked == [str(accounts)]
    _same_as_cold(config_file, site, tmp_path / "cold")


__all__ = ["rendered", "serving"]  # the fixtures of test_incremental, used here


@pytest.mark.skipif(find_chromium() is None or not sys.platform.startswith("linux"),
                    reason="needs chromium (Debian: apt-get install chromium) and inotify's change records")
def test_a_browser_on_the_account_page_reloads_it_with_the_save(tmp_path: Path) -> None:
    """A reader's browser on the account page reloads it by itself (MkDocs' live-reload script) and shows the save;
    after the second rebuild the portfolio page shows it too."""
    config_file = _project(tmp_path)
    accounts = tmp_path / "accounts"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("ACCOUNTPLAN_CACHE", None)
    log = tmp_path / "serve.log"
    chromium = find_chromium()
    assert chromium is not None
    with server_running(config_file, env, log, port=free_port()) as server, open_browser(chromium) as browser:
        assert start(server, str(accounts), TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
        browser.goto(f"{server.base}/accounts/{SLUG}/")
        assert "Atlas Freight" in browser.evaluate("document.title")
        _rename(accounts / SLUG / "account.md", "Atlas Seen In A Browser")
        assert browser.wait_for("document.title.includes('Atlas Seen In A Browser')", timeout=TIMEOUT), \
            log.read_text(encoding="utf-8")[-3000:]
        assert FIRST in log.read_text(encoding="utf-8")
        settled(log)
        browser.goto(f"{server.base}/accounts/")
        assert browser.evaluate("document.body.textContent.includes('Atlas Seen In A Browser')")
