"""``mkdocs serve --dirty``: a page whose dossier is broken, deleted or renamed shows an error page, not stale HTML.

Each rebuild is MkDocs' own dirty build of the sample portfolio, as the server runs it
(``test_incremental._rebuild``); the pages are read from the built site folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from test_incremental import _project, _rebuild, serving  # noqa: F401 (serving is a fixture)

SLUG = "atlas-freight"


def _page(tmp: Path, src: str) -> str:
    return (tmp / "site" / src / "index.html").read_text(encoding="utf-8")


def _name(account: Path) -> str:
    line = next(line for line in account.read_text(encoding="utf-8").splitlines() if line.startswith("name: "))
    return line.removeprefix("name: ").strip().strip('"')


def test_broken_account_shows_its_error_and_recovers(tmp_path: Path, serving: None) -> None:  # noqa: F811
    config_file = _project(tmp_path)
    account = tmp_path / "accounts" / SLUG / "account.md"
    good = account.read_text(encoding="utf-8")
    name = _name(account)
    _rebuild(config_file)
    assert name in _page(tmp_path, f"accounts/{SLUG}")

    lines = good.splitlines(keepends=True)
    broken_line = next(i for i, line in enumerate(lines) if line.startswith("tier: ")) + 1
    lines[broken_line - 1] = "tier: [A\n"
    account.write_text("".join(lines), encoding="utf-8")
    _rebuild(config_file)
    html = _page(tmp_path, f"accounts/{SLUG}")
    assert "Page not available" in html and "has errors" in html
    assert f"accounts/{SLUG}/account.md:" in html and "AP005" in html
    assert name not in html  # not the stale page
    shown_line = int(html.split(f"accounts/{SLUG}/account.md:")[1].split(":")[0])
    assert broken_line <= shown_line <= broken_line + 1  # where the parser gave up

    account.write_text(good, encoding="utf-8")
    _rebuild(config_file)
    html = _page(tmp_path, f"accounts/{SLUG}")
    assert name in html and "Page not available" not in html


def test_deleted_and_renamed_accounts_say_so(tmp_path: Path, serving: None) -> None:  # noqa: F811
    config_file = _project(tmp_path)
    accounts = tmp_path / "accounts"
    name = _name(accounts / SLUG / "account.md")
    _rebuild(config_file)

    (accounts / SLUG).rename(accounts / "atlas-renamed")
    _rebuild(config_file)
    html = _page(tmp_path, f"accounts/{SLUG}")
    assert "no longer exists (deleted or renamed)" in html and name not in html
    assert name in _page(tmp_path, "accounts/atlas-renamed")

    shutil.rmtree(accounts / "atlas-renamed")
    _rebuild(config_file)
    assert "no longer exists" in _page(tmp_path, "accounts/atlas-renamed")

    shutil.copytree(Path(__file__).resolve().parents[2] / "accounts" / SLUG, accounts / SLUG)
    _rebuild(config_file)
    assert name in _page(tmp_path, f"accounts/{SLUG}")


def test_broken_roster_replaces_team_pages_until_fixed(tmp_path: Path, serving: None) -> None:  # noqa: F811
    config_file = _project(tmp_path)
    roster = tmp_path / "accounts" / "roster.yml"
    good = roster.read_text(encoding="utf-8")
    _rebuild(config_file)
    person = sorted(p.name for p in (tmp_path / "site" / "team").iterdir() if p.is_dir())[0]
    before = _page(tmp_path, f"team/{person}")

    roster.write_text(good.replace("name: ", "name: [", 1), encoding="utf-8")
    _rebuild(config_file)
    html = _page(tmp_path, f"team/{person}")
    assert "Page not available" in html and "roster.yml:" in html and "AP005" in html

    roster.write_text(good, encoding="utf-8")
    _rebuild(config_file)
    assert _page(tmp_path, f"team/{person}") == before


def test_zh_labels() -> None:
    from generator.render.unavailable import unavailable_pages

    (text,) = unavailable_pages(["accounts/gone-co/index.md"], [], "/nonexistent/accounts", "zh").values()
    assert "页面不可用" in text and "已不存在" in text
