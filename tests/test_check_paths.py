"""``accountplan check PATHS``: which files are checked, and that a path the check cannot see is refused.

Before, a file outside the accounts folder (or a path given from inside ``accounts/``, where the configured
folder is not found) was filtered out of every diagnostic, and the check passed with exit 0 on a broken file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "accounts"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample at ``accounts`` with one broken contact, and a ``mkdocs.yml``, as the working folder."""
    shutil.copytree(SAMPLE, tmp_path / "accounts")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - accountplan\n", encoding="utf-8")
    contact = tmp_path / "accounts/atlas-freight/contacts/c-bart-peeters.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("support: 4", "support: 9"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["check", "--no-cache", "--today", "2027-06-01", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_file_inside_the_accounts_folder_narrows_the_report(project: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = check("accounts/atlas-freight/contacts/c-bart-peeters.md", capsys=capsys)
    assert status == 1 and "c-bart-peeters.md" in out and "borealis-bank" not in out


def test_a_folder_inside_an_account_narrows_the_report_instead_of_being_loaded_as_the_root(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = check("accounts/atlas-freight/contacts", capsys=capsys)
    assert status == 1 and "c-bart-peeters.md" in out
    assert "AP010" not in out and "AP008" not in out  # not "unexpected file in accounts/", "roster.yml is missing"
    assert all(line.startswith("accounts/atlas-freight/contacts/") for line in out.splitlines()[:-1])


def test_another_accounts_folder_is_loaded_as_the_root(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(project / "accounts", project / "elsewhere")
    status, out, _ = check("elsewhere", capsys=capsys)
    assert status == 1 and "elsewhere/atlas-freight/contacts/c-bart-peeters.md" in out


@pytest.mark.parametrize("where", ["README.md", "elsewhere/atlas-freight", "elsewhere/atlas-freight/account.md"])
def test_a_path_outside_the_accounts_folder_is_refused(where: str, project: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(project / "accounts", project / "elsewhere")
    (project / "README.md").write_text("x\n", encoding="utf-8")
    status, out, err = check(where, capsys=capsys)
    assert status == 2 and out == ""
    assert f"{where} is not in the accounts folder {project / 'accounts'}" in err
    # One outside path among good ones is refused too.
    assert check("accounts/atlas-freight", where, capsys=capsys)[0] == 2


def test_a_file_given_from_inside_the_accounts_folder_is_refused_not_passed(
        project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(project / "accounts")  # no mkdocs.yml here: the configured folder is ./accounts
    status, out, err = check("atlas-freight/contacts/c-bart-peeters.md", capsys=capsys)
    assert status == 2 and out == ""
    assert "accountplan check: there is no mkdocs.yml here, but .. has one: run from that folder" in err
    # With the settings named, the same path is checked (the folder is read relative to them).
    assert main(["--config", "../mkdocs.yml", "check", "--no-cache", "atlas-freight/contacts/c-bart-peeters.md"]) == 1
    assert "c-bart-peeters.md" in capsys.readouterr().out


def test_the_refusal_speaks_chinese_when_asked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "README.md").write_text("x\n", encoding="utf-8")
    status, _, err = check("--lang", "zh", "README.md", capsys=capsys)
    assert status == 2 and "README.md" in err and "is not in" not in err


def test_a_file_named_through_a_link_to_the_project_is_checked(project: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    # An editor or hook may name the file by another path to the same place (macOS: /tmp is /private/tmp).
    (tmp_path / "elsewhere").symlink_to(project, target_is_directory=True)
    status, out, _ = check(str(tmp_path / "elsewhere/accounts/atlas-freight/contacts/c-bart-peeters.md"), capsys=capsys)
    assert status == 1 and "accounts/atlas-freight/contacts/c-bart-peeters.md" in out and "borealis" not in out
