"""``make serve`` started again: it serves the HTML the last server kept, and shows what changed while it was stopped.

Real ``mkdocs serve --dirty`` processes of the sample portfolio, on one port (the address is part
of the pages), stopped with Ctrl-C as a user stops them; pages are fetched over HTTP.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from kept_sites import settled
from test_incremental import _project

from generator.mkdocs_plugin import preview
from tests.bench.serve import account_name, fetch, free_port, serving, shows, start

SLUG = "atlas-freight"
OTHER = "borealis-bank"
TIMEOUT = 600


def _difference(served: bytes, cold: bytes) -> str:
    """Where two pages first differ, with some text around it."""
    at = next((i for i, (a, b) in enumerate(zip(served, cold, strict=False)) if a != b), min(len(served), len(cold)))
    return f"at {at}: served {served[at - 300:at + 60]!r}, cold {cold[at - 60:at + 60]!r}"


def _pages(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.html"))}


def _index(folder: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((folder / "search" / "search_index.json").read_bytes())["docs"]
    return docs


def test_a_restarted_server_reuses_unchanged_pages_and_shows_edits_made_meanwhile(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file = _project(tmp_path)
    accounts = str(tmp_path / "accounts")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    port = free_port()
    with serving(config_file, env, log, port=port) as server:
        assert start(server, accounts, TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
    kept = Path(str(preview.site_folder(str(config_file), "en")))
    other, edited = kept / "accounts" / OTHER / "index.html", kept / "accounts" / SLUG / "index.html"
    before = other.stat().st_mtime_ns, edited.stat().st_mtime_ns

    dossier = tmp_path / "accounts" / SLUG / "account.md"  # edited while no server runs
    dossier.write_text(re.sub(r"^name: .*$", 'name: "Atlas Freight Renamed"', dossier.read_text(encoding="utf-8"),
                              count=1, flags=re.M), encoding="utf-8")
    with serving(config_file, env, log, port=port) as server:
        assert server.wait_for(f"/accounts/{SLUG}/", shows("Atlas Freight Renamed"), server.started, TIMEOUT)
        with pytest.raises(urllib.error.HTTPError) as missing:  # the site's own 404 page, from the kept folder
            urllib.request.urlopen(f"{server.base}/no-such-page/", timeout=60)
        assert missing.value.code == 404 and b"404 - Not found" in missing.value.read()
        # Served from the kept folder: the page this server did not build is there.
        assert shows(account_name(tmp_path / "accounts" / OTHER / "account.md"))(
            fetch(f"{server.base}/accounts/{OTHER}/") or b"")
    assert other.stat().st_mtime_ns == before[0]  # kept, not built again
    assert edited.stat().st_mtime_ns > before[1]

    # Every page and the search index equal what a server starting from nothing builds (a dirty build indexes
    # only the pages it rebuilt, MkDocs' own caveat: the last server's index holds the others).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh-cache"))
    with serving(config_file, {**env, "XDG_CACHE_HOME": str(tmp_path / "fresh-cache")}, log, port=port) as server:
        assert start(server, accounts, TIMEOUT) is not None
        cold = Path(str(preview.site_folder(str(config_file), "en")))
        assert cold != kept and _pages(kept) == _pages(cold)
        assert _index(kept) == _index(cold) and len(_index(cold)) > 20


def test_the_kept_site_is_emptied_when_what_dirty_cannot_see_changed(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    config_file = _project(tmp_path)
    config = load_config(str(config_file))
    preview.note_startup("serve", True)
    try:
        preview.use(config, "en")
    finally:
        preview.note_startup("serve", False)
    folder = Path(config.site_dir)
    assert folder == Path(str(preview.site_folder(str(config_file), "en")))
    assert not folder.is_relative_to(tmp_path)  # in the user's cache, not the project
    pages = ["index.md", "rules.md"]
    stamp = preview.stamp(config, pages, "code")
    assert preview.stamp(config, pages, "code") == stamp
    assert preview.stamp(config, [*pages, "new.md"], "code") != stamp  # every page's navigation changes
    assert preview.stamp(config, pages, "other code") != stamp
    config_file.write_text(config_file.read_text(encoding="utf-8") + "copyright: changed\n", encoding="utf-8")
    assert preview.stamp(config, pages, "code") != stamp

    (folder / "old.html").write_text("<html>", encoding="utf-8")
    Path(preview.stamp_path(str(folder))).write_text("another stamp\n", encoding="utf-8")
    preview.check(config, pages, "code")
    assert not (folder / "old.html").exists()
    preview.building(config)  # no stamp while a build writes: a server stopped half-way leaves none
    assert not Path(preview.stamp_path(str(folder))).exists()
    preview.built(config)
    assert Path(preview.stamp_path(str(folder))).read_text(encoding="utf-8") == preview.stamp(config, pages, "code")
    preview.building(config)
    preview.failed(config.site_dir)  # a build failed half-way: its pages are newer than their sources
    preview.building(config)
    preview.built(config)  # a later save's build ended well: the folder is still not whole
    assert not Path(preview.stamp_path(str(folder))).exists()


def test_an_environment_value_the_settings_read_changes_the_stamp(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    config_file = _project(tmp_path)
    text = config_file.read_text(encoding="utf-8")
    inherited = re.search(r"^INHERIT: (.*)$", text, flags=re.M)
    assert inherited is not None
    base = tmp_path / "base.yml"  # read through INHERIT, in both tag forms
    base.write_text(f"INHERIT: {inherited.group(1)}\nextra:\n  note: !ENV [SITE_TEST_NOTE, SITE_TEST_OTHER, 'none']\n",
                    encoding="utf-8")
    text = text.replace(inherited.group(0), "INHERIT: base.yml")
    config_file.write_text(f"copyright: !ENV SITE_TEST_COPYRIGHT\n{text}", encoding="utf-8")
    for name in ("SITE_TEST_NOTE", "SITE_TEST_OTHER", "SITE_TEST_COPYRIGHT"):
        monkeypatch.delenv(name, raising=False)
    config = load_config(str(config_file))
    pages = ["index.md"]
    stamp = preview.stamp(config, pages, "code")
    monkeypatch.setenv("AP_TEST_UNRELATED", "x")
    assert preview.stamp(config, pages, "code") == stamp
    stamps = {stamp}
    for name, value in (("SITE_TEST_COPYRIGHT", "(c) us"), ("SITE_TEST_OTHER", "b"), ("SITE_TEST_NOTE", "a")):
        monkeypatch.setenv(name, value)
        stamps.add(preview.stamp(config, pages, "code"))
    assert len(stamps) == 4  # each value changed the stamp


def test_saves_while_serving_show_as_a_cold_build_shows_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save inside an account folder (the watcher names it: only that folder is listed again), a save the
    watcher cannot place in one (the roster, a new account) and a deleted account, in one running server."""
    config_file = _project(tmp_path)
    accounts = tmp_path / "accounts"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    port = free_port()
    roster = accounts / "roster.yml"
    person = re.search(r"^\s*name: (.+)$", roster.read_text(encoding="utf-8"), flags=re.M)
    assert person is not None
    with serving(config_file, env, log, port=port) as server:
        assert start(server, str(accounts), TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
        dossier = accounts / SLUG / "account.md"
        dossier.write_text(re.sub(r"^name: .*$", 'name: "Atlas Saved While Serving"',
                                  dossier.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
        assert server.wait_for(f"/accounts/{SLUG}/", shows("Atlas Saved While Serving"), server.started, TIMEOUT)
        assert server.wait_for("/accounts/", shows("Atlas Saved While Serving"), server.started, TIMEOUT)

        roster.write_text(roster.read_text(encoding="utf-8").replace(person.group(0), person.group(0) + " Renamed", 1),
                          encoding="utf-8")
        assert server.wait_for("/team/", shows(person.group(1).strip("\"'") + " Renamed"), server.started, TIMEOUT)

        gone = account_name(accounts / OTHER / "account.md")
        shutil.rmtree(accounts / OTHER)
        assert server.wait_for("/accounts/", lambda body: gone.encode() not in body and b"</html>" in body,
                               server.started, TIMEOUT)
        shutil.copytree(accounts / SLUG, accounts / "new-account")
        new = accounts / "new-account" / "account.md"
        new.write_text(re.sub(r"^name: .*$", 'name: "A New Account"', new.read_text(encoding="utf-8"), count=1,
                              flags=re.M), encoding="utf-8")
        assert server.wait_for("/accounts/new-account/", shows("A New Account"), server.started, TIMEOUT)
        assert server.wait_for("/accounts/", shows("A New Account"), server.started, TIMEOUT)
        saved = dossier.read_text(encoding="utf-8")
        dossier.write_text(saved.replace("Atlas Saved While Serving", "Atlas Saved Twice"), encoding="utf-8")
        assert server.wait_for(f"/accounts/{SLUG}/", shows("Atlas Saved Twice"), server.started, TIMEOUT)
        settled(log)  # the account's page first, the portfolio-wide pages in the rebuild it asks for
        served = {path: fetch(server.base + path) for path in
                  (f"/accounts/{SLUG}/", "/accounts/new-account/", "/accounts/", "/team/")}
    kept = Path(str(preview.site_folder(str(config_file), "en")))

    fresh = str(tmp_path / "fresh-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", fresh)
    with serving(config_file, {**env, "XDG_CACHE_HOME": fresh}, log, port=port) as server:
        assert start(server, str(accounts), TIMEOUT) is not None
        cold = Path(str(preview.site_folder(str(config_file), "en")))
        for path, body in served.items():  # the live-reload script names each server's own build counters
            body, cold_body = (re.sub(rb"livereload\(\d+, \d+\)", b"", page or b"")
                               for page in (body, fetch(server.base + path)))
            assert body == cold_body, f"{path}: {_difference(body, cold_body)}"
    # Every page but the deleted account's (a server that served it keeps an error page there).
    assert {k: v for k, v in _pages(kept).items() if OTHER not in k} == _pages(cold)
    # Each saved page's entries once, in page order; the deleted account's are its error page's.
    assert [e for e in _index(kept) if OTHER not in e["location"]] == _index(cold)
