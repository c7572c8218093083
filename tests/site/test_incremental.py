"""``make serve`` (``mkdocs serve --dirty``): after one edit, only that account is rendered again, and the site
is what a cold build of the edited portfolio gives.

Rebuilds run in this process, as under ``mkdocs serve`` (a fresh config per rebuild, one process for all),
so the kept pages of :mod:`generator.incremental` carry over between them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import REPO, TODAY, mkdocs_build

from generator.incremental import fragments
from generator.incremental import store as page_store
from generator.incremental.memo import memo
from generator.render import account as account_module
from generator.render import team as team_module
from tests.mkdocs_config import plugin_options

EDITED = "atlas-freight"


def _project(tmp: Path) -> Path:
    """The sample portfolio copied into ``tmp`` with a config pinned to one date, writing ``tmp/site``."""
    shutil.copytree(REPO / "accounts", tmp / "accounts")
    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        parent = yaml.safe_load(handle)
    plugin_options(parent).update(accounts=str(tmp / "accounts"), today=TODAY)
    config = {"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": str(REPO / "docs"), "site_dir": str(tmp / "site"),
              "theme": {"custom_dir": str(REPO / "theme")}, "plugins": parent["plugins"]}
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def serving() -> Iterator[None]:
    """This process behaves as ``mkdocs serve --dirty`` for the test."""
    page_store.note_startup("serve", True)
    try:
        yield
    finally:
        page_store.note_startup("serve", False)


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Slugs of the account pages rendered (not reused) by the builds of the test."""
    seen: list[str] = []
    view = account_module.account_view

    def counting(site, dossier, links):  # type: ignore[no-untyped-def]
        seen.append(dossier.slug)
        return view(site, dossier, links)

    monkeypatch.setattr("generator.render.pages.account_view", counting)
    return seen


def _rebuild(config_file: Path) -> None:
    """One rebuild as ``mkdocs serve --dirty`` does it: the config loaded again, a dirty build."""
    build(load_config(str(config_file)), dirty=True)


def _html(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_edit_rebuilds_one_account_and_matches_a_cold_build(tmp_path: Path, serving: None,
                                                             rendered: list[str]) -> None:
    config_file = _project(tmp_path)
    _rebuild(config_file)
    slugs = sorted(p.name for p in (tmp_path / "accounts").iterdir() if p.is_dir())
    assert sorted(rendered) == slugs  # the first build of a server renders everything

    rendered.clear()
    _rebuild(config_file)
    assert rendered == []  # nothing changed: every account page is reused

    dossier = tmp_path / "accounts" / EDITED / "account.md"
    text = dossier.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name: "))
    dossier.write_text(text.replace(name_line, 'name: "Atlas Edited Freight"', 1), encoding="utf-8")
    _rebuild(config_file)
    assert rendered == [EDITED]
    served = tmp_path / "site"
    assert "Atlas Edited Freight" in (served / "accounts" / EDITED / "index.html").read_text(encoding="utf-8")

    page_store.note_startup("build", False)
    cold = mkdocs_build(config_file, tmp_path / "cold", strict=False)
    assert cold.returncode == 0, cold.log
    expected, actual = _html(cold.site), _html(served)
    assert set(expected) <= set(actual)
    differing = [path for path in expected if expected[path] != actual[path]]
    assert differing == []


def test_a_portfolio_wide_input_renders_every_account_again(tmp_path: Path, serving: None,
                                                            rendered: list[str]) -> None:
    config_file = _project(tmp_path)
    _rebuild(config_file)
    rendered.clear()
    roster = tmp_path / "accounts" / "roster.yml"
    roster.write_text(roster.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _rebuild(config_file)
    assert len(rendered) == len([p for p in (tmp_path / "accounts").iterdir() if p.is_dir()])

    rendered.clear()
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugin_options(config)["today"] = "2026-12-01"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    _rebuild(config_file)
    assert len(rendered) == len([p for p in (tmp_path / "accounts").iterdir() if p.is_dir()])


def _set_plugin(config_file: Path, **options: object) -> None:
    """Change options of the accountplan plugin in the test's ``mkdocs.yml``."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugin_options(config).update(options)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def _same_as_cold(config_file: Path, served: Path, cold: Path) -> None:
    """Every HTML page of a cold build of the current files equals the dirty-served one, byte for byte."""
    page_store.note_startup("build", False)
    try:
        build(load_config(str(config_file), site_dir=str(cold)))
    finally:
        page_store.note_startup("serve", True)
    expected, actual = _html(cold), _html(served)
    assert expected and set(expected) <= set(actual)
    assert [path for path in expected if expected[path] != actual[path]] == []


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _new_account(accounts: Path) -> None:
    """A copy of an existing dossier under a new slug and name."""
    shutil.copytree(accounts / "saltmarsh-water", accounts / "saltmarsh-copy")
    _replace(accounts / "saltmarsh-copy" / "account.md", "name: Saltmarsh Water Authority", "name: Saltmarsh Copy")


def _new_activity(accounts: Path) -> None:
    """A visit this week: the account's scores, the portfolio's visit counts and a person's cadence move."""
    (accounts / EDITED / "activities" / "2026-11-25-new-visit.md").write_text(
        "---\ndate: 2026-11-25\nkind: visit\nsummary: Walked the Ghent depot.\ncontacts: [c-nora-willems]\n"
        "people: [p-elena-rossi]\nquality: 5\n---\n\nA new visit.\n", encoding="utf-8")


def _at(path: Path, day: str) -> None:
    """Give ``path`` a modification time at noon UTC on ``day`` (its content unchanged)."""
    stamp = dt.datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()
    os.utime(path, (stamp, stamp))


def _hidden(accounts: Path) -> None:
    """An editor's swap file in a dossier, newer than everything: the loader and the last change both skip it."""
    swap = accounts / EDITED / "contacts" / ".c-greta-maes.md.swp"
    swap.write_text("swap", encoding="utf-8")
    _at(swap, "2031-01-01")


# Each step edits the files of a served portfolio; after each, a dirty rebuild must equal a cold build.
STEPS = {
    "touched file": lambda a: _at(a / EDITED / "contacts" / "c-greta-maes.md", "2030-01-01"),
    "hidden file": _hidden,
    "account name": lambda a: _replace(a / EDITED / "account.md", "name: ", "name: Edited "),
    "contact scores": lambda a: _replace(a / EDITED / "contacts" / "c-greta-maes.md", "support: 4", "support: 2"),
    "contact owner": lambda a: _replace(a / EDITED / "contacts" / "c-greta-maes.md", "owners: [p-elena-rossi]",
                                        "owners: [p-tom-hale]"),
    "activity date": lambda a: _replace(a / EDITED / "activities" / "2026-11-16-depot-charging-visit.md",
                                        "date: 2026-11-16", "date: 2026-09-16"),
    "new activity": _new_activity,
    "roster name": lambda a: _replace(a / "roster.yml", "name: Anna Berg", "name: Anna Berg-Lund"),
    "new account": _new_account,
    "removed account": lambda a: shutil.rmtree(a / "saltmarsh-copy"),
    "restricted contact": lambda a: _replace(a / "helios-enterprise" / "contacts" / "c-yara-bakker.md",
                                             "sensitivity: restricted", "sensitivity: internal"),
    "restricted note": lambda a: _replace(a / "helios-telecom" / "contacts" / "c-david-okoro.md",
                                          "keen on the joint lab", "keen on the joint venture"),
}


RESCORED = {"account name": 2 + 2 * 2, "contact scores": 2 + 2 * 2, "new activity": 2 + 2 * 2}
"""Scorecards computed again after these steps: the account's two (now and at the quarter start), plus, at both
dates, those of its two team members (p-tom-hale, p-elena-rossi), whose scorecards are the KPI results and key
actions of the accounts they serve. The changed contact's owner and the new visit's visitor are on that team."""


@pytest.mark.parametrize("profile", [None, "restricted"])
def test_every_kind_of_edit_serves_what_a_cold_build_gives(tmp_path: Path, serving: None, rendered: list[str],
                                                           profile: str | None) -> None:
    config_file = _project(tmp_path)
    if profile:
        _set_plugin(config_file, profile=profile, history=True)
    accounts, served = tmp_path / "accounts", tmp_path / "site"
    _rebuild(config_file)
    for number, (step, edit) in enumerate(STEPS.items()):
        rendered.clear()
        edit(accounts)
        _rebuild(config_file)
        if step in RESCORED:
            # Only the edited dossier is redacted, scored (now and at the quarter start) and rendered again,
            # and only the people whose own inputs moved are scored again.
            assert rendered == [EDITED], step
            assert memo("redaction").computed == 1 and memo("scores").computed == RESCORED[step], step
            # Its share of the people's scorecards (now and at the quarter start), its line of the
            # accounts tables (at the portfolio page's depth and the grouping pages') and of the team index.
            assert memo("scores").part("people").computed == 2 and fragments.last["rows"] == 2, step
            assert fragments.last["attention"] == 1, step  # its attention items; the rest are kept
            assert memo("team").computed == 1, step
        _same_as_cold(config_file, served, tmp_path / f"cold-{number}")


def test_last_change_follows_touched_files_but_not_hidden_ones(tmp_path: Path, serving: None,
                                                               rendered: list[str]) -> None:
    config_file = _project(tmp_path)
    accounts, page = tmp_path / "accounts", tmp_path / "site" / "accounts" / EDITED / "index.html"
    _rebuild(config_file)
    rendered.clear()
    STEPS["touched file"](accounts)
    _rebuild(config_file)
    assert rendered == [EDITED] and "2030-01-01" in page.read_text(encoding="utf-8")
    _same_as_cold(config_file, tmp_path / "site", tmp_path / "cold-touched")
    rendered.clear()
    _hidden(accounts)
    _rebuild(config_file)
    assert rendered == [] and "2031-01-01" not in page.read_text(encoding="utf-8")
    _same_as_cold(config_file, tmp_path / "site", tmp_path / "cold-hidden")


def test_person_pages_are_reused_unless_what_they_show_changed(tmp_path: Path, serving: None,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    view = team_module.person_view

    def counting(site, person_id, links):  # type: ignore[no-untyped-def]
        seen.append(person_id)
        return view(site, person_id, links)

    monkeypatch.setattr("generator.render.team.person_view", counting)
    config_file = _project(tmp_path)
    _rebuild(config_file)
    seen.clear()
    _rebuild(config_file)
    assert seen == []
    _replace(tmp_path / "accounts" / EDITED / "contacts" / "c-greta-maes.md", "support: 4", "support: 2")
    _rebuild(config_file)
    assert "p-elena-rossi" in seen  # owns the contact: her relationships score moved
    assert "p-anna-berg" not in seen
    _same_as_cold(config_file, tmp_path / "site", tmp_path / "cold")


def test_changed_settings_while_serving_redact_and_score_again(tmp_path: Path, serving: None) -> None:
    config_file = _project(tmp_path)
    count = len([p for p in (tmp_path / "accounts").iterdir() if p.is_dir()])
    _rebuild(config_file)  # internal: the memos now hold every dossier redacted for "internal"
    _set_plugin(config_file, profile="restricted")
    _rebuild(config_file)
    assert memo("redaction").computed == count
    _same_as_cold(config_file, tmp_path / "site", tmp_path / "cold")
    for number, change in enumerate([{"today": "2027-01-04"}, {"scoring": {"dimension_weights": {"kpi": 0.8}}},
                                     {"history": False}]):
        _set_plugin(config_file, **change)
        _rebuild(config_file)
        _same_as_cold(config_file, tmp_path / "site", tmp_path / f"cold-{number}")


def test_heavy_blocks_are_served_whole_but_kept_out_of_the_converted_markdown(tmp_path: Path, serving: None) -> None:
    config_file = _project(tmp_path)
    _rebuild(config_file)
    store = Path(page_store.store_for(str(config_file), "en"))
    source = (store / "accounts" / "index.md").read_text(encoding="utf-8")
    assert 'data-ap-lift="' in source and "<tbody>" not in source
    served = (tmp_path / "site" / "accounts" / "index.html").read_text(encoding="utf-8")
    assert 'data-ap-lift="' not in served and "<tbody>" in served
    accounts = [p for p in (tmp_path / "accounts").iterdir() if p.is_dir()]
    assert served.count("<tr data-tier=") == len(accounts)  # one row per account
