"""``accountplan new opportunity``: the scaffold passes ``check`` and ``fmt --check``; stages come from the settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.portfolio import load_portfolio

from .conftest import cli
from .test_new import DAY, errors_in


def test_new_opportunity_passes_check_and_is_canonical(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "new", "opportunity", "acme", "--name", "ERP rollout 2027", "--unit", "IT",
                         "--date", DAY)
    assert status == 0 and "wrote accounts/acme/opportunities/o-erp-rollout-2027.md" in out
    assert errors_in(repo, "accounts/acme") == []
    assert cli(capsys, "fmt", "--check", "accounts/acme")[0] == 0
    [dossier] = [d for d in load_portfolio(str(repo / "accounts")).dossiers if d.slug == "acme"]
    [opp] = [doc.data for doc in dossier.opportunities]
    assert (opp.id, opp.unit, opp.stage, opp.sponsor) == ("o-erp-rollout-2027", "IT", "lead", "p-tom-hale")


def test_new_opportunity_refuses_an_unknown_stage_and_an_existing_file(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "new", "opportunity", "acme", "--name", "ERP", "--stage", "propsal")
    assert status == 1 and "unknown stage 'propsal'" in err
    assert not (repo / "accounts" / "acme" / "opportunities").exists()
    assert cli(capsys, "new", "opportunity", "acme", "--name", "ERP", "--stage", "proposal")[0] == 0
    status, _, err = cli(capsys, "new", "opportunity", "acme", "--name", "ERP")
    assert status == 1 and "already exists" in err


def test_new_action_passes_check_and_serves_what_it_names(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "new", "opportunity", "acme", "--name", "ERP", "--date", DAY)[0] == 0
    status, out, _ = cli(capsys, "new", "action", "acme", "--title", "Send the TCO model to the CFO",
                         "--opportunity", "o-erp", "--owner", "p-li-na", "--date", DAY)
    assert status == 0 and "wrote accounts/acme/actions/a-send-the-tco-model-to-the.md" in out
    assert errors_in(repo, "accounts/acme") == []
    assert cli(capsys, "fmt", "--check", "accounts/acme")[0] == 0
    [dossier] = [d for d in load_portfolio(str(repo / "accounts")).dossiers if d.slug == "acme"]
    [action] = [doc.data for doc in dossier.actions]
    assert (action.owner, str(action.due), action.status, action.opportunity) == (
        "p-li-na", "2026-12-04", "open", "o-erp")
    status, _, err = cli(capsys, "new", "action", "acme", "--title", "Call", "--due", "2026-13-01")
    assert status == 2 and "--due '2026-13-01' is not a date" in err


def test_new_action_refuses_records_the_account_does_not_have(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As new activity does for contacts: a dangling id would only fail check afterwards (AP202).
    status, _, err = cli(capsys, "new", "action", "acme", "--title", "Call", "--opportunity", "o-nope")
    assert status == 1 and "unknown opportunity id(s) in acme: o-nope" in err
    status, _, err = cli(capsys, "new", "action", "acme", "--title", "Call", "--contact", "c-nobody")
    assert status == 1 and "unknown contact id(s) in acme: c-nobody" in err
    assert not (repo / "accounts" / "acme" / "actions").exists()
