"""``accountplan new``: scaffolded files pass ``check`` and ``fmt --check``; nothing is ever overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Settings
from generator.diagnostics import Severity
from generator.edit import scaffold
from generator.history.git import user_email
from generator.load.portfolio import load_portfolio
from generator.rules import validate

from .conftest import cli, run_git

DAY = "2026-11-27"


def errors_in(repo: Path, folder: str) -> list[str]:
    """Error diagnostics of the real validator about files under ``folder``."""
    portfolio = load_portfolio(str(repo / "accounts"))
    found = validate(portfolio, Settings(accounts=str(repo / "accounts")))
    where = str(repo / folder)
    return [d.one_line() for d in found
            if d.severity is Severity.ERROR and str(Path(d.path).resolve()).startswith(where)]


@pytest.mark.parametrize("tier", ["C", "S"])
def test_new_account_contact_and_activity_pass_check(repo: Path, capsys: pytest.CaptureFixture[str], tier: str) -> None:
    assert cli(capsys, "new", "account", "globex", "--tier", tier, "--name", "Globex: Holdings", "--date", DAY)[0] == 0
    status, out, _ = cli(capsys, "new", "contact", "globex", "--name", "Zoë Müller", "--title", "Head of IT",
                         "--date", DAY)
    assert status == 0 and "wrote accounts/globex/contacts/c-zoe-muller.md" in out
    status, out, _ = cli(capsys, "new", "activity", "globex", "--contacts", "c-zoe-muller", "--kind", "call",
                         "--summary", "Intro call: agreed a site visit", "--date", DAY)
    assert status == 0 and "wrote accounts/globex/activities/2026-11-27-intro-call-agreed-a-site-visit.md" in out
    assert errors_in(repo, "accounts/globex") == []
    assert cli(capsys, "fmt", "--check", "accounts/globex")[0] == 0  # scaffolds are already canonical
    account = (repo / "accounts" / "globex" / "account.md").read_text(encoding="utf-8")
    assert 'name: "Globex: Holdings"' in account and "  - person: p-tom-hale\n    role: AR\n" in account
    assert ("strategy:" in account) is (tier == "S")


def test_contact_is_prefilled_with_date_editor_and_scale_names(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli(capsys, "new", "contact", "acme", "--name", "Maria Olsen", "--date", DAY)
    text = (repo / "accounts" / "acme" / "contacts" / "c-maria-olsen.md").read_text(encoding="utf-8")
    assert "owners:\n  - p-tom-hale\n" in text  # from `git config user.email` matched against the roster
    assert "review_by: 2027-05-26\n" in text  # DAY + 180 days
    assert "# support (支持度), the person's attitude to us: 1 opponent · 2 non-supporter · 3 neutral" in text


def test_as_person_overrides_git_email(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli(capsys, "new", "activity", "acme", "--as", "p-li-na", "--date", DAY)
    text = (repo / "accounts" / "acme" / "activities" / "2026-11-27-visit.md").read_text(encoding="utf-8")
    assert "people:\n  - p-li-na\n" in text and "date: 2026-11-27\n" in text


def test_refuses_to_overwrite(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    before = path.read_bytes()
    status, out, err = cli(capsys, "new", "contact", "acme", "--name", "Zhang Wei", "--date", DAY)
    assert status == 1 and out == ""
    assert "c-zhang-wei.md already exists; it was left unchanged" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["account", "../evil"], "account slug '../evil' may hold only lower-case letters"),
    (["account", "Acme"], "account slug 'Acme' may hold only lower-case letters"),
    (["account", "аcme"], "contains non-ASCII characters"),  # Cyrillic а
    (["contact", "nope", "--name", "X Y"], "no account 'nope'"),
    (["contact", "acme", "--name", "张伟"], "cannot make an id from the name '张伟'; pass --id"),
    (["contact", "acme", "--name", "X", "--support", "7"], "support 7 is out of range; expected 1 to 5"),
    (["activity", "acme", "--contacts", "c-nobody"], "unknown contact id(s) in acme: c-nobody"),
    (["activity", "acme", "--as", "p-ghost"], "'p-ghost' is not an id in"),
    (["activity", "acme", "--summary", "x\x1b[2J"], "holds a control character"),  # would fail AP108
    (["contact", "acme", "--name", "Ann \u202egnaW"], "'Ann \\u202egnaW' holds an invisible bidirectional"),  # AP106
    (["contact", "acme", "--name", "X", "--title", "CEO\u2066"], "holds an invisible bidirectional"),
    (["account", "acme\x1b[2J"], "account slug 'acme\\x1b[2J' may hold only"),  # shown escaped
])
def test_bad_requests_are_refused_clearly(repo: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                          message: str) -> None:
    status, _, err = cli(capsys, "new", *args, "--date", DAY)
    assert status == 1 and message in err
    assert run_git(repo, "status", "--porcelain").stdout == ""  # nothing was written


def test_unknown_git_email_asks_for_as(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_git(repo, "config", "user.email", "stranger@example.com")
    status, _, err = cli(capsys, "new", "activity", "acme")
    assert status == 1
    assert "your git e-mail stranger@example.com is not in ./accounts/roster.yml" in err and "--as PERSON" in err


def test_chinese_contact_with_explicit_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, _ = cli(capsys, "new", "contact", "acme", "--name", "张伟", "--id", "c-zhang-wei-2", "--title", "总经理",
                       "--date", DAY)
    assert status == 0
    text = (repo / "accounts" / "acme" / "contacts" / "c-zhang-wei-2.md").read_text(encoding="utf-8")
    assert "name: 张伟\n" in text and "title: 总经理\n" in text
    assert errors_in(repo, "accounts/acme/contacts/c-zhang-wei-2.md") == []


def test_the_editor_is_found_from_the_email_passed_in_and_git_is_asked_by_the_git_module(repo: Path) -> None:
    # scaffold runs no git itself: the CLI asks generator.history.git and passes the e-mail in.
    assert user_email(str(repo)) == "tom.hale@example.com"
    assert scaffold.editor(str(repo / "accounts"), email="LI.NA@example.com") == "p-li-na"
    with pytest.raises(scaffold.ScaffoldError, match=r"git has no user\.email here"):
        scaffold.editor(str(repo / "accounts"))
    run_git(repo, "config", "--unset", "user.email")
    assert user_email(str(repo)) is None
