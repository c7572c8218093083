"""``make serve`` (``mkdocs serve --dirty``): after one edit, only that account is rendered again, and the site
is what a cold build of the edited portfolio gives.

Rebuilds run in this process, as under ``mkdocs serve`` (a fresh config per rebuild, one process for all),
so the account memo of :mod:`generator.render.incremental` carries over between them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from sitebuild import REPO, TODAY, mkdocs_build

from generator.render import account as account_module
from generator.render import incremental

EDITED = "atlas-freight"


def _project(tmp: Path) -> Path:
    """The sample portfolio copied into ``tmp`` with a config pinned to one date, writing ``tmp/site``."""
    shutil.copytree(REPO / "accounts", tmp / "accounts")
    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        plugins = yaml.safe_load(handle)["plugins"]
    for entry in plugins:
        if isinstance(entry, dict) and "accountplan" in entry:
            entry["accountplan"] = {**(entry["accountplan"] or {}), "accounts": str(tmp / "accounts"), "today": TODAY}
    config = {"INHERIT": str(REPO / "mkdocs.yml"), "docs_dir": str(REPO / "docs"), "site_dir": str(tmp / "site"),
              "theme": {"custom_dir": str(REPO / "theme")}, "plugins": plugins}
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def serving() -> Iterator[None]:
    """This process behaves as ``mkdocs serve --dirty`` for the test."""
    incremental.note_startup("serve", True)
    try:
        yield
    finally:
        incremental.note_startup("serve", False)


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

    incremental.note_startup("build", False)
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
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "accountplan" in entry:
            entry["accountplan"]["today"] = "2026-12-01"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    _rebuild(config_file)
    assert len(rendered) == len([p for p in (tmp_path / "accounts").iterdir() if p.is_dir()])
