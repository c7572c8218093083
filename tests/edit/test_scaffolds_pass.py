"""What ``accountplan new`` writes passes ``check`` without a placeholder warning where nothing is left to fill in."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import cli

TODAY = "2026-11-27"


def test_contact_opportunity_action_activity_and_account_scaffolds_carry_no_placeholder(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    made = [
        ("new", "account", "nordwind", "--name", "Nordwind", "--tier", "B", "--as", "p-tom-hale"),
        ("new", "contact", "acme", "--name", "Ida Berg", "--title", "CFO", "--role", "economic-buyer",
         "--as", "p-li-na"),
        ("new", "activity", "acme", "--summary", "Intro visit: agreed a workshop", "--contacts", "c-zhang-wei",
         "--as", "p-tom-hale"),
        ("new", "opportunity", "acme", "--name", "ERP rollout", "--unit", "IT", "--as", "p-tom-hale"),
        ("new", "action", "acme", "--title", "Send the TCO model", "--as", "p-tom-hale"),
    ]
    for args in made:
        status, _, err = cli(capsys, *args, "--date", TODAY)
        assert status == 0, err
    status, out, _ = cli(capsys, "check", "--today", TODAY, "--format", "json")
    assert status == 0
    assert '"AP315"' not in out and '"error"' not in out
    contact = (repo / "accounts" / "acme" / "contacts" / "c-ida-berg.md").read_text(encoding="utf-8")
    assert "knows:\n  - person: p-li-na\n    strength: unknown\n" in contact
    assert "\n<!-- Notes on the relationship" in contact
    status, out, _ = cli(capsys, "fmt", "--check")
    assert status == 0, out


def test_what_only_the_user_can_write_is_still_pointed_at(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "new", "activity", "acme", "--as", "p-tom-hale", "--date", TODAY)[0] == 0
    assert cli(capsys, "new", "account", "strategic", "--tier", "S", "--as", "p-tom-hale", "--date", TODAY)[0] == 0
    out = cli(capsys, "check", "--today", TODAY)[1]
    assert "activities/2026-11-27-visit.md:8:10: AP315 warning: 'summary'" in out
    assert "strategic/account.md" in out and "'strategy.summary' is still the scaffold's placeholder" in out
