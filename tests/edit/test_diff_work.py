"""``accountplan diff`` describes new opportunities, stage and stance changes, and new or closed action items."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import cli, run_git

TODAY = "2026-11-27"


def _commit(repo: Path, message: str) -> None:
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "-m", message)


def test_opportunity_and_action_changes_are_described(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "new", "opportunity", "acme", "--name", "ERP rollout", "--unit", "IT", "--date", TODAY)[0] == 0
    assert cli(capsys, "new", "action", "acme", "--title", "Send the TCO model", "--date", TODAY)[0] == 0
    _commit(repo, "acme: erp")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "**Opportunities and actions**" in out and "New opportunity ERP rollout (IT, lead)" in out
    assert "New action for p-tom-hale due 2026-12-04: Send the TCO model" in out
    opp = repo / "accounts" / "acme" / "opportunities" / "o-erp-rollout.md"
    opp.write_text(opp.read_text(encoding="utf-8").replace("stage: lead", "stage: proposal").replace(
        "stances: []", "stances:\n  - {contact: c-zhang-wei, support: 2}"), encoding="utf-8")
    action = repo / "accounts" / "acme" / "actions" / "a-send-the-tco-model.md"
    action.write_text(action.read_text(encoding="utf-8").replace("status: open", "status: done"), encoding="utf-8")
    _commit(repo, "acme: erp moves")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "ERP rollout: stage lead -\\> proposal" in out
    assert "ERP rollout: Zhang Wei's stance not recorded -\\> non-supporter" in out
    assert "Action Send the TCO model: open -\\> done" in out
