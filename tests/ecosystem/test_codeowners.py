"""CODEOWNERS and account folders: `new account` adds the folder's line, AP207 reports folders without one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import Settings
from generator.load import codeowners
from generator.load.portfolio import load_portfolio
from generator.rules import validate

REPO = Path(__file__).resolve().parents[2]
CODEOWNERS = """# the last matching line wins
*                     @org/maintainers
/accounts/roster.yml  @org/sales-ops
/accounts/acme/       @org/acme-team
"""


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository (a .git folder is enough) with CODEOWNERS, a roster and one covered account."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "CODEOWNERS").write_text(CODEOWNERS, encoding="utf-8")
    (tmp_path / "accounts").mkdir()
    shutil.copy2(REPO / "accounts" / "roster.yml", tmp_path / "accounts" / "roster.yml")
    shutil.copytree(REPO / "accounts" / "atlas-freight", tmp_path / "accounts" / "acme")
    return tmp_path


def codes(repository: Path) -> list[tuple[str, str]]:
    """AP207 findings as (file, message)."""
    found = validate(load_portfolio(str(repository / "accounts")), Settings())
    return [(Path(d.path).parent.name, d.message) for d in found if d.code == "AP207"]


def test_a_folder_without_its_own_line_is_reported(repository: Path) -> None:
    assert codes(repository) == []
    shutil.copytree(repository / "accounts" / "acme", repository / "accounts" / "beta")
    message = "account folder 'accounts/beta/' has no line of its own in .github/CODEOWNERS"
    assert codes(repository) == [("beta", message)]


def test_no_codeowners_file_no_finding(repository: Path) -> None:
    (repository / ".github" / "CODEOWNERS").unlink()
    shutil.copytree(repository / "accounts" / "acme", repository / "accounts" / "beta")
    assert codes(repository) == []


def test_new_account_adds_the_line(repository: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repository)
    assert main(["new", "account", "beta", "--as", "p-elena-rossi", "--owners", "@org/beta-team"]) == 0
    assert main(["new", "account", "gamma", "--as", "p-elena-rossi"]) == 0
    text = (repository / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert text.splitlines()[-2:] == ["/accounts/beta/".ljust(32) + "@org/beta-team",
                                      "/accounts/gamma/".ljust(32) + "@org/maintainers"]
    assert "replace them with the account team" in capsys.readouterr().out
    assert codes(repository) == []


def test_patterns_follow_github() -> None:
    lines = codeowners.read_text("*  @a\n/accounts/*/contacts/  @b\naccounts/x/ @c\n/accounts/y/\n")
    assert codeowners.owner_line(lines, "accounts/z/contacts/c-a.md").owners == ("@b",)
    assert codeowners.owner_line(lines, "accounts/z/account.md").owners == ("@a",)
    assert codeowners.covers(lines, "accounts/x") and not codeowners.covers(lines, "accounts/z")
    assert not codeowners.covers(lines, "accounts/y"), "a line without owners leaves the folder unowned"


def test_every_sample_account_has_its_line() -> None:
    lines = codeowners.read(str(REPO / ".github" / "CODEOWNERS"))
    for folder in sorted(p for p in (REPO / "accounts").iterdir() if p.is_dir()):
        assert codeowners.covers(lines, f"accounts/{folder.name}"), folder.name


@pytest.mark.parametrize("owner", ["@org/a\n* @attacker", "@org/a *", "*", "# note", "org/team", "@", "@org/",
                                   "@a b", "@org/a\r\n@b", "me@", "mail@host", "@org/a;rm"])
def test_new_account_refuses_what_is_not_an_owner(repository: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str], owner: str) -> None:
    monkeypatch.chdir(repository)
    with pytest.raises(SystemExit) as exited:
        main(["new", "account", "beta", "--as", "p-elena-rossi", "--owners", owner])
    assert exited.value.code == 2
    assert "is not a CODEOWNERS owner: use @user, @org/team or an e-mail address" in capsys.readouterr().err
    assert (repository / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == CODEOWNERS
    assert not (repository / "accounts" / "beta").exists()


@pytest.mark.parametrize("owner", ["@tom-hale", "@org/acme-team", "@group/sub.group/team_x", "li.na@example.com"])
def test_owner_handles_of_github_and_gitlab_are_accepted(owner: str) -> None:
    assert codeowners.is_owner(owner)
    assert codeowners.with_folder(CODEOWNERS, "accounts/beta", (owner,)).endswith(f"{owner}\n")


def test_a_stray_line_can_never_be_written() -> None:
    with pytest.raises(ValueError, match="not CODEOWNERS owners"):
        codeowners.with_folder(CODEOWNERS, "accounts/beta", ("@org/a\n* @attacker",))
