"""The one diagnostic type and its output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic, Severity, format_github, format_json, format_text, sort_diagnostics

A = Diagnostic("accounts/b/account.md", 7, 3, "AP202", Severity.ERROR, "unknown person id 'p-x'", "fix it",
               ("team", 0, "person"))
B = Diagnostic("accounts/a/account.md", 12, 1, "AP310", Severity.WARNING, "plan 'k1' is overdue")


def test_sorted_by_file_then_position_and_deduplicated() -> None:
    assert sort_diagnostics([A, B, A]) == [B, A]


def test_text_is_file_line_column_code_and_hint() -> None:
    assert format_text([B, A]).splitlines() == [
        "accounts/a/account.md:12:1: AP310 warning: plan 'k1' is overdue",
        "accounts/b/account.md:7:3: AP202 error: unknown person id 'p-x' (hint: fix it)",
        "1 error(s), 1 warning(s)",
    ]


def test_github_annotations_escape_their_properties() -> None:
    odd = Diagnostic("a,b:c.md", 0, 0, "AP001", Severity.ERROR, "50% bad\nline two")
    assert format_github([odd, B]).splitlines() == [
        "::error file=a%2Cb%3Ac.md,line=1,col=1,title=AP001::50%25 bad%0Aline two",
        "::warning file=accounts/a/account.md,line=12,col=1,title=AP310::plan 'k1' is overdue",
    ]


def test_json_keeps_loc_path_and_severity_names() -> None:
    (row,) = json.loads(format_json([A]))
    assert row == {
        "path": "accounts/b/account.md", "line": 7, "column": 3, "code": "AP202", "severity": "error",
        "message": "unknown person id 'p-x'", "hint": "fix it", "loc": ["team", 0, "person"], "url": None,
    }


def test_every_format_links_to_the_rule_when_the_site_has_an_address() -> None:
    page = "https://accounts.example.com/rules/"
    assert format_text([A], page).splitlines()[0].endswith(" — https://accounts.example.com/rules/#ap202")
    assert format_github([A], page).endswith("%0A%0ASee https://accounts.example.com/rules/#ap202")
    assert json.loads(format_json([A], page))[0]["url"] == "https://accounts.example.com/rules/#ap202"


def test_a_folder_finding_annotates_a_file_github_can_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accounts" / "Acme" / "contacts").mkdir(parents=True)
    (tmp_path / "accounts" / "Acme" / "contacts" / "c-x.md").write_text("---\n---\n", encoding="utf-8")
    named = Diagnostic("accounts/Acme", 0, 0, "AP004", Severity.ERROR, "name 'Acme' has upper-case letters")
    assert format_github([named]) == ("::error file=accounts/Acme/contacts/c-x.md,line=1,col=1,title=AP004::"
                                      "accounts/Acme/: name 'Acme' has upper-case letters")
    (tmp_path / "accounts" / "Acme" / "account.md").write_text("---\n---\n", encoding="utf-8")
    assert "file=accounts/Acme/account.md," in format_github([named])
