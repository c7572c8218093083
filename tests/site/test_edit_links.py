"""Edit links and "log an activity" / "add a contact" links to the forge's web editor, in real builds."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sitebuild import REPO, TODAY, Built, mkdocs_build

from generator.config.forge import Forge, forge_from_mkdocs

REPO_URL = "https://github.example.com/sales/account-plans"
GITHUB = "https://github.com/sales/account-plans"


def _hrefs(page: str, cls: str) -> list[str]:
    """Unescaped hrefs of the links of class ``cls`` on a page."""
    return [html.unescape(m.group(1)) for m in re.finditer(rf'<a class="{cls}" href="([^"]*)"', page)]


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    """A copy of the sample repository (accounts/, docs/) whose mkdocs.yml sets repo_url, built as ``make site`` does.

    Not ``--strict``: the sample carries the method's honest warnings, which never block a build.
    """
    repo = tmp_path_factory.mktemp("forge") / "repo"
    shutil.copytree(REPO / "accounts", repo / "accounts")
    shutil.copytree(REPO / "docs", repo / "docs", ignore=shutil.ignore_patterns("screenshots"))
    (repo / "mkdocs.yml").write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: docs\nrepo_url: {REPO_URL}\nedit_uri: edit/main/docs/\n"
        f"theme:\n  custom_dir: {REPO / 'theme'}\n"
        f"plugins:\n  - search\n  - accountplan:\n      accounts: accounts\n      today: {TODAY}\n"
        "      forge: github\n      source_channels: {example.org: news}\n",
        encoding="utf-8",
    )
    built = mkdocs_build(repo / "mkdocs.yml", repo.parent / "site", cwd=repo)
    assert built.returncode == 0, built.log
    assert "ERROR" not in built.log, built.log
    return repo, built


def _file_of(url: str, repo: Path) -> Path:
    """The file in ``repo`` an edit URL opens (GitHub shape, branch main)."""
    prefix = f"{REPO_URL}/edit/main/"
    assert url.startswith(prefix), url
    return repo / unquote(url[len(prefix) :])


def test_account_contact_and_activity_open_their_files(repo_site: tuple[Path, Built]) -> None:
    repo, built = repo_site
    page = built.page("accounts/helios-telecom")
    edits = _hrefs(page, "ap-edit")
    files = {_file_of(url, repo).relative_to(repo).as_posix() for url in edits}
    assert "accounts/helios-telecom/account.md" in files
    assert "accounts/helios-telecom/contacts/c-clara-vos.md" in files
    activities = sorted(f for f in files if f.startswith("accounts/helios-telecom/activities/"))
    assert len(activities) == len(list((repo / "accounts/helios-telecom/activities").glob("*.md")))
    assert all(_file_of(url, repo).is_file() for url in edits)
    # The contact's pencil sits in its own table row.
    row = re.search(r'<tr id="contact-c-clara-vos".*?</tr>', page, re.S)
    assert row and "contacts/c-clara-vos.md" in row.group(0)
    # Material's edit button opens the account file too, not a docs/ page that does not exist.
    assert f'href="{REPO_URL}/edit/main/accounts/helios-telecom/account.md" title="Edit this page"' in page


def test_hand_written_pages_get_materials_edit_button(repo_site: tuple[Path, Built]) -> None:
    _, built = repo_site
    assert f'href="{REPO_URL}/edit/main/docs/editing-an-account.md" title="Edit this page"' in (
        built.page("editing-an-account"))
    assert "md-content__button" not in built.page("accounts")  # generated from many files: no button
    assert "md-content__button" not in built.page("team")
    assert f'href="{REPO_URL}/edit/main/accounts/roster.yml" title="Edit this page"' in built.page("team/p-tom-hale")


def test_new_activity_link_prefills_a_file_that_passes_check(repo_site: tuple[Path, Built]) -> None:
    repo, built = repo_site
    page = built.page("accounts/helios-telecom")
    (url,) = [u for u in _hrefs(page, "md-button ap-new") if "/activities?" in u]
    parts = urlsplit(url)
    assert parts.path == "/sales/account-plans/new/main/accounts/helios-telecom/activities"
    query = parse_qs(parts.query, strict_parsing=True)
    (name,), (content,) = query["filename"], query["value"]
    assert name == f"{TODAY}-visit.md"
    assert content.startswith("---\n# One contact with the customer.")
    target = repo / "accounts/helios-telecom/activities" / name
    target.write_text(content, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--no-cache", "--today", TODAY,
                           "--format", "json", str(target)], cwd=repo, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"severity": "error"' not in done.stdout


def test_new_contact_link_names_the_file_after_its_id(repo_site: tuple[Path, Built]) -> None:
    _, built = repo_site
    (url,) = [u for u in _hrefs(built.page("accounts/helios-telecom"), "md-button ap-new") if "/contacts?" in u]
    query = parse_qs(urlsplit(url).query)
    assert query["filename"] == ["c-new-contact.md"]
    assert "\nid: c-new-contact\n" in query["value"][0]


def test_no_repo_url_no_links(sample_en: Built) -> None:
    page = sample_en.page("accounts/helios-telecom")
    assert "ap-edit" not in page and "ap-new" not in page and "md-content__button" not in page


def test_url_shapes_and_encoding(tmp_path: Path) -> None:
    github = Forge("github", GITHUB, "release/2026", str(tmp_path))
    odd = tmp_path / "accounts" / "a b#c?d" / "ü.md"
    assert github.edit(str(odd)) == f"{GITHUB}/edit/release/2026/accounts/a%20b%23c%3Fd/%C3%BC.md"
    assert github.edit("/etc/passwd") is None  # outside the repository
    gitlab = Forge("gitlab", "https://gitlab.example.com/g/p", "main", str(tmp_path))
    assert gitlab.edit(str(odd)).startswith("https://gitlab.example.com/g/p/-/edit/main/accounts/a%20b%23c%3Fd/")
    new = gitlab.new(str(tmp_path / "accounts" / "x" / "activities"), "2026-01-01-visit.md", "a: 1&b=2\n")
    assert new == ("https://gitlab.example.com/g/p/-/new/main/accounts/x/activities"
                   "?file_name=2026-01-01-visit.md&content=a%3A%201%26b%3D2%0A")


@pytest.mark.parametrize(("repo_url", "edit_uri", "kind", "expected"), [
    ("https://github.com/o/r/", "edit/main/docs/", None, ("github", "https://github.com/o/r", "main")),
    ("https://gitlab.com/o/r.git", "-/edit/dev/docs/", None, ("gitlab", "https://gitlab.com/o/r", "dev")),
    ("https://git.example.com/o/r", "blob/trunk/docs/", "gitlab", ("gitlab", "https://git.example.com/o/r", "trunk")),
    ("https://github.com/o/r", "https://github.com/o/r/edit/v2/docs/", None,
     ("github", "https://github.com/o/r", "v2")),
    ("https://github.com/o/r", None, None, ("github", "https://github.com/o/r", "main")),
])
def test_forge_from_mkdocs_settings(tmp_path: Path, repo_url: str, edit_uri: str | None, kind: str | None,
                                    expected: tuple[str, str, str]) -> None:
    forge = forge_from_mkdocs(repo_url, edit_uri, str(tmp_path / "docs"), str(tmp_path / "sub"), kind)
    assert forge is not None
    assert (forge.kind, forge.repo_url, forge.branch) == expected
    assert forge.root == str(tmp_path if edit_uri else tmp_path / "sub")


@pytest.mark.parametrize("repo_url", [None, "", "javascript:alert(1)//github.com/o/r", "ftp://github.com/o/r",
                                      "github.com/o/r"])
def test_no_or_unsafe_repo_url_gives_no_forge(tmp_path: Path, repo_url: str | None) -> None:
    assert forge_from_mkdocs(repo_url, "edit/main/docs/", str(tmp_path / "docs"), str(tmp_path)) is None


def test_unknown_forge_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected one of github, gitlab"):
        forge_from_mkdocs(GITHUB, None, str(tmp_path), str(tmp_path), "bitbucket")


def test_docs_show_todays_message_for_a_misspelt_id_in_a_web_logged_activity(repo_site: tuple[Path, Built]) -> None:
    repo, _ = repo_site
    target = repo / "accounts/helios-telecom/activities/2026-11-26-cloud-workshop.md"
    target.write_text("---\ndate: 2026-11-26\nkind: workshop\nsummary: Cloud workshop\ncontacts: [c-clara-vos]\n"
                      "people:\n  - p-ana-berg\n---\nNotes.\n", encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "generator", "check", "--no-cache", "--today", TODAY,
                               "accounts/helios-telecom/activities/2026-11-26-cloud-workshop.md"],
                              cwd=repo, capture_output=True, text=True, timeout=300)
    finally:
        target.unlink()
    (line,) = [row for row in done.stdout.splitlines() if "AP202" in row]
    assert line in (REPO / "docs" / "editing-an-account.md").read_text(encoding="utf-8")
