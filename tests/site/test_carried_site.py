"""A merge build with the previous build's *site* carried over writes what a cold build writes (issue 18, P2).

Real ``accountplan build --fail-on error`` processes in tmp folders, as ``make site`` runs them in CI:
build A fills the cache folder (``$ACCOUNTPLAN_CACHE``), one account is edited, build B in a new
process restores A's site from the cache and lets MkDocs rebuild only the pages whose text changed
(:mod:`generator.incremental.site`), and a cold build C of the edited tree with an empty cache gives
the same bytes in every file: pages, search index, sitemap. A carried copy changed behind the
manifest's back is not used, and a change of the page set or the navigation builds every page.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from sitebuild import TODAY, site_build
from test_carried_cache import EDITED, _edit, _Planted, _same
from test_incremental import _project  # the sample copied with a pinned config

from generator import usercache
from generator.incremental import site as carried_site
from generator.incremental import site_manifest
from generator.publish.site import refuse_unsafe_target

CARRIED = re.compile(r"accountplan: (\d+) of (\d+) pages carried over from the previous build's site")
MEMOS = re.compile(r"carried over from the previous build: (\d+ of \d+) dossiers' rule results, "
                   r"(\d+ of \d+) redacted dossiers, (\d+ of \d+) scorecards")


def _build(config: Path, site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """One ``accountplan build`` in its own process with ``cache`` as the user's cache; pages not rebuilt."""
    return _skipped(_built(config, site, cache, monkeypatch))


def _built(config: Path, site: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One ``accountplan build`` in its own process with ``cache`` as the user's cache; its log."""
    monkeypatch.setenv(usercache.ENVIRONMENT, str(cache))
    built = site_build(config, site)
    assert built.returncode == 0, built.log
    return built.log


def _skipped(log: str) -> int:
    """How many pages the build whose ``log`` this is carried over from the previous build's site."""
    found = CARRIED.search(log)
    if found is None:
        assert "Building documentation" in log or "built " in log, log
        return 0
    return int(found.group(1))


def _memos(log: str) -> dict[str, tuple[int, int]]:
    """Of each memo a build carries (:data:`generator.incremental.carried.MEMOS`): entries carried over, used."""
    found = MEMOS.search(log)
    assert found is not None, log
    return {name: _pair(found.group(i)) for i, name in enumerate(("rules", "redaction", "scores"), start=1)}


def _pair(text: str) -> tuple[int, int]:
    carried, used = text.split(" of ")
    return int(carried), int(used)


def _tree(cache: Path) -> Path:
    """The carried site's copy in the cache folder ``cache`` (there is one site: the English build)."""
    [tree] = list(cache.glob(f"*/{carried_site.FOLDER}/*/{carried_site.TREE}"))
    return tree


def test_a_carried_site_is_the_cold_build_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    first = tmp_path / "cache-a"
    assert _build(config, tmp_path / "site-a", first, monkeypatch) == 0
    restored = tmp_path / "restored" / "cache"  # as actions/cache puts it back: another path, same files
    shutil.copytree(first, restored)
    _edit(tmp_path / "project" / "accounts")

    log = _built(config, tmp_path / "site-b", restored, monkeypatch)
    skipped, memos = _skipped(log), _memos(log)
    assert memos["redaction"][0] == memos["redaction"][1] - 1  # the edited dossier alone redacted again
    assert memos["rules"][0] == memos["rules"][1] - 1 and 0 < memos["scores"][0] < memos["scores"][1]
    pages = len(list((tmp_path / "site-a").rglob("index.html")))
    assert 0 < skipped < pages  # the edited account and the pages listing it rebuilt, the rest carried over
    assert _build(config, tmp_path / "site-c", tmp_path / "cache-c", monkeypatch) == 0
    _same(tmp_path / "site-b", tmp_path / "site-c")
    assert "Atlas Freight Carriers" in (tmp_path / "site-b" / "accounts" / EDITED / "index.html").read_text("utf-8")
    index = (tmp_path / "site-b" / "search" / "search_index.json").read_text("utf-8")
    assert "Atlas Freight Carriers" in index and "Borealis" in index  # rebuilt and carried entries alike
    # The index is made anew from the pages' records by every merge build: no copy of it is kept to restore.
    assert (_tree(restored) / "accounts" / EDITED / "index.html").is_file()
    assert not (_tree(restored) / carried_site.INDEX).exists()

    again = _build(config, tmp_path / "site-d", restored, monkeypatch)  # B's site, carried to the next build
    assert again > skipped
    _same(tmp_path / "site-d", tmp_path / "site-c")


def test_a_changed_copy_in_the_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _build(config, tmp_path / "site-a", cache, monkeypatch)
    page = _tree(cache) / "accounts" / "borealis-bank" / "index.html"
    page.write_text(page.read_text("utf-8").replace("Borealis", "Planted"), encoding="utf-8")
    log = _built(config, tmp_path / "site-b", cache, monkeypatch)
    assert _skipped(log) == 0  # a cold build, not the planted page, and the log says why
    assert "a file of the carried site is missing or changed since the carried build; building every page" in log
    _same(tmp_path / "site-a", tmp_path / "site-b")
    assert "Planted" not in (tmp_path / "site-b" / "accounts" / "borealis-bank" / "index.html").read_text("utf-8")

    manifest = _tree(cache).parent / carried_site.MANIFEST  # B's, sealed: one byte changed breaks the seal
    sealed = bytearray(manifest.read_bytes())
    sealed[-1] ^= 1
    manifest.write_bytes(bytes(sealed))
    log = _built(config, tmp_path / "site-c", cache, monkeypatch)
    assert _skipped(log) == 0
    assert "the carried site's manifest is damaged or not sealed with this user's key; building every page" in log
    _same(tmp_path / "site-a", tmp_path / "site-c")

    manifest.unlink()  # a folder in the manifest's place: a cold build, not a failed one (it failed every build)
    manifest.mkdir()
    _built(config, tmp_path / "site-d", cache, monkeypatch)
    _same(tmp_path / "site-a", tmp_path / "site-d")


ADDED_REMOVED = re.compile(r"accountplan: (\d+) files added and (\d+) removed since the carried build; "
                           r"(\d+) pages linking to them rebuilt")
LINKS_PAGE = "[Lumen](accounts/lumen-retail/index.md) and [Lumen's folder](accounts/lumen-retail/)\n"


def _folders(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_dir())


def _about(log: str, name: str) -> list[str]:
    """The lines of ``log`` that name ``name``, without their time or level."""
    return sorted(line.split(" -  ", 1)[-1] for line in log.splitlines() if name in line)


def test_an_account_removed_added_broken_or_mended_carries_the_other_pages(tmp_path: Path) -> None:
    """A one-account change that adds or removes pages (an account removed, added, or failing to load and mended)
    rebuilds the pages that link to them and carries the rest; every file is the cold build's, no folder is left over,
    and a hand-written page linking to the account warns, or stops warning, as in a cold build."""
    config, _ = _own_docs(tmp_path, LINKS_PAGE)
    accounts, cache = tmp_path / "project" / "accounts", tmp_path / "cache"
    kept = tmp_path / "lumen-retail"
    status, first = _run(config, tmp_path / "site-a", cache, "error")
    assert status == 0 and _skipped(first) == 0, first
    linked = _about(first, "links.md")  # a link to the folder is only noted (MkDocs suggests the page)

    shutil.move(accounts / "lumen-retail", kept)  # removed
    status, removed = _run(config, tmp_path / "site-b", cache, "never")  # the broken link is a site defect
    _, cold = _run(config, tmp_path / "site-c", tmp_path / "cold-c", "never")
    assert status == 0 and _skipped(removed) > 0 and ADDED_REMOVED.search(removed), removed
    _same(tmp_path / "site-b", tmp_path / "site-c")
    assert _folders(tmp_path / "site-b") == _folders(tmp_path / "site-c")
    assert not (tmp_path / "site-b" / "accounts" / "lumen-retail").exists()
    warned = _about(removed, "links.md")
    assert warned != linked and warned == _about(cold, "links.md"), (warned, _about(cold, "links.md"))

    shutil.move(kept, accounts / "lumen-retail")  # added back: the first build's site again
    status, added = _run(config, tmp_path / "site-d", cache, "error")
    assert status == 0 and _skipped(added) > 0 and ADDED_REMOVED.search(added), added
    _same(tmp_path / "site-d", tmp_path / "site-a")
    assert _about(added, "links.md") == linked

    dossier = accounts / "lumen-retail" / "account.md"  # a pull request that breaks the dossier, then one mending it
    text = dossier.read_text("utf-8")
    dossier.write_text(text.replace("\nname: ", "\nname: [unclosed\nname: ", 1), encoding="utf-8")
    status, broken = _run(config, tmp_path / "site-e", cache, "never")
    _, cold = _run(config, tmp_path / "site-f", tmp_path / "cold-f", "never")
    assert status == 0 and "AP005" in broken and _skipped(broken) > 0, broken
    _same(tmp_path / "site-e", tmp_path / "site-f")
    assert _folders(tmp_path / "site-e") == _folders(tmp_path / "site-f")
    assert _about(broken, "links.md") == _about(cold, "links.md")
    dossier.write_text(text, encoding="utf-8")
    status, mended = _run(config, tmp_path / "site-g", cache, "error")
    assert status == 0 and _skipped(mended) > 0, mended
    _same(tmp_path / "site-g", tmp_path / "site-a")


def test_a_carried_page_logs_its_notes_as_a_cold_build_does(tmp_path: Path) -> None:
    """The INFO lines MkDocs logs about a page (a link to a folder: it suggests the page) are logged again when
    the page is carried, not only its warnings: a merge build's log says about the page what a cold build's says."""
    config, _ = _own_docs(tmp_path, LINKS_PAGE)
    accounts, cache = tmp_path / "project" / "accounts", tmp_path / "cache"
    status, first = _run(config, tmp_path / "site-a", cache, "error")
    noted = _about(first, "links.md")
    assert status == 0 and any(line.startswith("Doc file 'links.md'") for line in noted), first
    _edit(accounts)
    status, merged = _run(config, tmp_path / "site-b", cache, "error")
    carried = CARRIED.search(merged)
    assert status == 0 and carried and int(carried[1]) > 0, merged
    assert _about(merged, "links.md") == noted, merged  # carried, and noted as before


def test_a_quiet_build_keeps_the_notes_a_later_build_shows(tmp_path: Path) -> None:
    """``make site`` builds with ``--quiet``: the INFO notes it does not show are still kept with the carried page
    (a quiet merge build does not show them either), so a later build, not quiet, shows what a cold build shows."""
    config, _ = _own_docs(tmp_path, LINKS_PAGE)
    accounts = tmp_path / "project" / "accounts"
    status, quiet = _run(config, tmp_path / "site-a", tmp_path / "cache", "error", "--quiet")
    assert status == 0 and not _about(quiet, "links.md"), quiet  # quiet: the notes are not shown
    _edit(accounts)
    status, quiet = _run(config, tmp_path / "site-b", tmp_path / "cache", "error", "--quiet")
    assert status == 0 and not any(line.startswith("INFO") for line in quiet.splitlines()), quiet  # nor replayed
    _rewrite(accounts / EDITED / "account.md", "Atlas Freight Carriers", "Atlas Freight Group")  # not linked to
    status, merged = _run(config, tmp_path / "site-c", tmp_path / "cache", "error")
    _, cold = _run(config, tmp_path / "site-d", tmp_path / "cold", "error")
    carried = CARRIED.search(merged)
    assert status == 0 and carried and int(carried[1]) > 0, merged
    assert _about(merged, "links.md") == _about(cold, "links.md") != [], merged


def _own_docs(tmp_path: Path, links: str) -> tuple[Path, Path]:
    """The sample project with a docs folder of its own holding ``links.md`` (not in the navigation)."""
    config = _project(tmp_path / "project")
    docs = tmp_path / "project" / "docs"
    shutil.copytree(Path(config.read_text("utf-8").split("docs_dir: ")[1].split("\n")[0]), docs)
    (docs / "links.md").write_text("# Links\n\n" + links, encoding="utf-8")
    config.write_text(re.sub(r"docs_dir: .*", f"docs_dir: {docs}", config.read_text("utf-8")), encoding="utf-8")
    return config, docs


def _as_cold(config: Path, tmp_path: Path, cache: Path, name: str) -> str:
    """A merge build with ``cache`` and a cold build of the same tree: the same files and folders, the same lines
    about ``links.md`` in the log. The merge build's log."""
    status, merged = _run(config, tmp_path / f"merge-{name}", cache, "never")
    _, cold = _run(config, tmp_path / f"cold-{name}", tmp_path / f"cache-{name}", "never")
    assert status == 0, merged
    _same(tmp_path / f"merge-{name}", tmp_path / f"cold-{name}")
    assert _folders(tmp_path / f"merge-{name}") == _folders(tmp_path / f"cold-{name}")
    assert _about(merged, "links.md") == _about(cold, "links.md"), (merged, cold)
    return merged


def test_files_excluded_or_sharing_an_output_are_carried_as_a_cold_build_writes_them(tmp_path: Path) -> None:
    """MkDocs resolves links to excluded files too (``docs/zh/`` here), so they count as files added or removed; two
    files writing one output (``foo.md``, ``foo/index.md``) make the build a cold one. Found by a review session."""
    config, docs = _own_docs(tmp_path, "[New](zh/new.md), [Foo](foo.md), [Foo's index](foo/index.md)\n")
    cache = tmp_path / "cache"
    status, first = _run(config, tmp_path / "site-a", cache, "never")
    assert status == 0 and _skipped(first) == 0, first

    (docs / "zh" / "new.md").write_text("# New\n", encoding="utf-8")  # excluded, but a link finds it
    added = _as_cold(config, tmp_path, cache, "excluded")
    assert _skipped(added) > 0 and ADDED_REMOVED.search(added), added
    (docs / "foo").mkdir()
    (docs / "foo.md").write_text("# Foo flat\n", encoding="utf-8")
    (docs / "foo" / "index.md").write_text("# Foo index\n", encoding="utf-8")
    assert _skipped(_as_cold(config, tmp_path, cache, "both")) == 0  # one output, two files: cold
    (docs / "foo" / "index.md").unlink()
    assert _skipped(_as_cold(config, tmp_path, cache, "one")) == 0  # the carried output was the other file's
    (docs / "zh" / "new.md").unlink()
    assert _skipped(_as_cold(config, tmp_path, cache, "gone")) > 0


def test_a_changed_navigation_builds_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _build(config, tmp_path / "site-a", cache, monkeypatch)
    text = config.read_text("utf-8")  # the same pages under another title in the navigation
    config.write_text(text + "nav:\n  - Start: index.md\n  - Rules: rules.md\n", encoding="utf-8")
    log = _built(config, tmp_path / "site-d", cache, monkeypatch)
    assert _skipped(log) == 0  # another signature: a cold build, and the log says why
    assert "the configuration or the theme changed since the carried build; building every page" in log
    _build(config, tmp_path / "site-e", tmp_path / "cold-e", monkeypatch)
    _same(tmp_path / "site-d", tmp_path / "site-e")


def _run(config: Path, site: Path, cache: Path, fail_on: str, *options: str) -> tuple[int, str]:
    """``accountplan build --fail-on FAIL_ON [OPTIONS]`` in its own process; exit status and log."""
    command = [sys.executable, "-m", "generator", "--config", str(config), "build", "--fail-on", fail_on,
               "--site-dir", str(site), *options]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", usercache.ENVIRONMENT: str(cache)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    return done.returncode, done.stdout + done.stderr


def test_a_warning_about_a_page_not_rebuilt_is_logged_and_fails_again(tmp_path: Path) -> None:
    config = _project(tmp_path / "project")
    accounts = tmp_path / "project" / "accounts"
    dossier = accounts / "borealis-bank" / "account.md"
    dossier.write_text(dossier.read_text("utf-8") + "\nSee [the old plan](../../nowhere/).\n", encoding="utf-8")
    cache = tmp_path / "cache"
    status, first = _run(config, tmp_path / "site-a", cache, "never")
    warning = "accounts/borealis-bank/index.md: link to '../../nowhere/' leads to no page or file of the site"
    assert status == 0 and warning in first, first
    _edit(accounts)
    status, merged = _run(config, tmp_path / "site-b", cache, "never")
    assert status == 0 and CARRIED.search(merged) and warning in merged, merged  # not rebuilt, still reported
    status, failed = _run(config, tmp_path / "site-c", cache, "error")
    assert status == 1 and CARRIED.search(failed) and warning in failed, failed  # fails as a cold build does


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_carried_memos_serve_only_unchanged_dossiers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The redaction and score memos come back from the cache; an edit that changes redaction, and one that
    changes a person's scorecard (read across accounts), give a cold build's bytes all the same."""
    config = _project(tmp_path / "project")
    contacts = tmp_path / "project" / "accounts" / EDITED / "contacts"
    cache = tmp_path / "cache"
    first = _memos(_built(config, tmp_path / "site-a", cache, monkeypatch))
    assert all(carried == 0 for carried, _ in first.values())
    dossiers = first["redaction"][1]

    # A contact made restricted: gone from the internal site, and only its dossier redacted again.
    _rewrite(contacts / "c-greta-maes.md", "coach: true\n---", "coach: true\nsensitivity: restricted\n---")
    log = _built(config, tmp_path / "site-b", cache, monkeypatch)
    assert _skipped(log) > 0 and _memos(log)["redaction"] == (dossiers - 1, dossiers)
    _built(config, tmp_path / "site-c", tmp_path / "cold-c", monkeypatch)
    _same(tmp_path / "site-b", tmp_path / "site-c")
    page = f"accounts/{EDITED}/index.html"
    assert "Greta Maes" in (tmp_path / "site-a" / page).read_text("utf-8")
    for shown in (page, "search/search_index.json"):
        assert "Greta Maes" not in (tmp_path / "site-b" / shown).read_text("utf-8")

    # A contact's intimacy changed: the scorecard of a person serving this account and another one changes.
    person = "team/p-elena-rossi/index.html"
    _rewrite(contacts / "c-bart-peeters.md", "intimacy: 4\n", "intimacy: 1\n")
    log = _built(config, tmp_path / "site-d", cache, monkeypatch)
    carried, used = _memos(log)["scores"]
    assert 0 < carried < used and _memos(log)["redaction"] == (dossiers - 1, dossiers)
    _built(config, tmp_path / "site-e", tmp_path / "cold-e", monkeypatch)
    _same(tmp_path / "site-d", tmp_path / "site-e")
    assert (tmp_path / "site-d" / person).read_bytes() != (tmp_path / "site-b" / person).read_bytes()


def _profile_build(config: Path, site: Path, cache: Path, profile: str) -> str:
    """``accountplan build --profile PROFILE --fail-on error`` in its own process with ``cache``; its log."""
    command = [sys.executable, "-m", "generator", "--config", str(config), "build", "--profile", profile,
               "--fail-on", "error", "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", usercache.ENVIRONMENT: str(cache)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_memos_are_not_reused_across_settings_or_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _built(config, tmp_path / "site-a", cache, monkeypatch)

    _rewrite(config, TODAY, "2027-01-04")  # another build date (and quarter): every score is another
    log = _built(config, tmp_path / "site-b", cache, monkeypatch)
    memos = _memos(log)
    assert memos["scores"][0] == 0 and memos["rules"][0] == 0  # both read the date
    assert memos["redaction"][0] == memos["redaction"][1]  # redaction reads the audience level alone
    _built(config, tmp_path / "site-c", tmp_path / "cold-c", monkeypatch)
    _same(tmp_path / "site-b", tmp_path / "site-c")

    log = _profile_build(config, tmp_path / "site-d", cache, "restricted")  # another audience level
    assert _memos(log)["redaction"][0] == 0
    _profile_build(config, tmp_path / "site-e", tmp_path / "cold-e", "restricted")
    _same(tmp_path / "site-d", tmp_path / "site-e")
    restricted = "Coffee with the head of architecture"  # an activity only the restricted profile shows
    assert restricted in (tmp_path / "site-d" / "accounts" / "borealis-bank" / "index.html").read_text("utf-8")
    assert restricted not in (tmp_path / "site-b" / "accounts" / "borealis-bank" / "index.html").read_text("utf-8")


def test_a_tampered_or_planted_memo_blob_is_recomputed_never_unpickled(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _built(config, tmp_path / "site-a", cache, monkeypatch)
    [redaction] = sorted(cache.glob("*/carried-redaction.*"), key=lambda p: p.stat().st_size)[-1:]
    data = redaction.read_bytes()
    assert data.startswith(usercache.MAGIC)
    redaction.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit of the payload: the tag no longer matches
    [scores] = sorted(cache.glob("*/carried-scores.*"), key=lambda p: p.stat().st_size)[-1:]
    marker = tmp_path / "unpickled"
    scores.write_bytes(usercache.MAGIC + os.urandom(32) + pickle.dumps(_Planted(marker)))

    log = _built(config, tmp_path / "site-b", cache, monkeypatch)
    memos = _memos(log)
    assert not marker.exists()
    assert 0 < memos["redaction"][0] < memos["redaction"][1] and 0 < memos["scores"][0] < memos["scores"][1]
    _same(tmp_path / "site-a", tmp_path / "site-b")
    again = _memos(_built(config, tmp_path / "site-c", cache, monkeypatch))  # the blobs were sealed again
    assert all(carried == used for carried, used in again.values())


def test_the_restore_marks_the_folder_before_the_thread_copies(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The carried files are copied by a thread while the build starts; the plugin's check of the build folder
    (on_pre_build) must find it marked as a site this tool built even when the thread has written a page whose
    path sorts before the marker (found by a review of the restore thread)."""
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    _build(config, tmp_path / "site-a", cache, monkeypatch)
    [folder] = [p.parent for p in cache.glob(f"*/{carried_site.FOLDER}/*/{carried_site.MANIFEST}")]
    manifest = usercache.load(str(folder / carried_site.MANIFEST))
    assert isinstance(manifest, site_manifest.Manifest)
    started, release = threading.Event(), threading.Event()

    def copying(self: carried_site.CarriedSite, before: site_manifest.Manifest) -> None:
        Path(self.site_dir, "+early").mkdir()  # sorts before ".accountplan-site"
        started.set()
        release.wait(30)

    monkeypatch.setattr(carried_site.CarriedSite, "_copy", copying)
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    site = carried_site.CarriedSite(str(folder), manifest.signature, SimpleNamespace(site_dir=str(fresh)))
    site.restore()
    try:
        assert started.wait(30)
        refuse_unsafe_target(fresh, [tmp_path / "project" / "accounts"], tmp_path / "project")
    finally:
        release.set()
        site.wait()


def test_an_edit_to_any_account_keeps_the_search_index_in_the_cold_order(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept pages used to take their places after the pages rendered again, so an edit to any account but the
    first moved its search entries to the front of the index (found by a helper trying the change as a user)."""
    config = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    assert _build(config, tmp_path / "site-a", cache, monkeypatch) == 0
    account = tmp_path / "project" / "accounts" / "borealis-bank" / "account.md"
    text = account.read_text("utf-8")
    account.write_text(re.sub(r"(?m)^name: (.*)$", r"name: \1 Renamed", text, count=1), "utf-8")
    assert _build(config, tmp_path / "site-b", cache, monkeypatch) > 0
    assert _build(config, tmp_path / "site-c", tmp_path / "cache-c", monkeypatch) == 0
    _same(tmp_path / "site-b", tmp_path / "site-c")
