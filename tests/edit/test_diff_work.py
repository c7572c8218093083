"""``accountplan diff`` describes opportunities, action items, who knows whom and the installed base (en and zh)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import cli, run_git, write

TODAY = "2026-11-27"


def _commit(repo: Path, message: str) -> None:
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "-m", message)


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_opportunity_and_action_changes_are_described(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "new", "opportunity", "acme", "--name", "ERP rollout", "--unit", "IT", "--date", TODAY)[0] == 0
    assert cli(capsys, "new", "action", "acme", "--title", "Send the TCO model", "--date", TODAY)[0] == 0
    _commit(repo, "acme: erp")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "**Opportunities and actions**" in out and "New opportunity ERP rollout (IT, lead)" in out
    assert "New action for Tom Hale due 2026-12-04: Send the TCO model" in out
    assert "1 new opportunity(ies) · 1 new action(s)" in out
    opp = repo / "accounts" / "acme" / "opportunities" / "o-erp-rollout.md"
    _edit(opp, ("stage: lead", "stage: proposal"), ("stances: []", "stances:\n  - {contact: c-zhang-wei, support: 2}"))
    action = repo / "accounts" / "acme" / "actions" / "a-send-the-tco-model.md"
    _edit(action, ("status: open", "status: done"))
    _commit(repo, "acme: erp moves")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "ERP rollout: stage lead → proposal" in out
    assert "ERP rollout: Zhang Wei's stance not recorded → non-supporter" in out
    assert "Action done: Send the TCO model (Tom Hale)" in out and "1 action(s) done" in out


def _opportunity(repo: Path) -> Path:
    return write(repo / "accounts" / "acme" / "opportunities" / "o-erp.md", """\
        ---
        id: o-erp
        name: ERP rollout
        unit: IT
        offerings: [erp]
        value: 1200000
        currency: EUR
        stage: negotiation
        decision: 2027-01-31
        stances:
          - {contact: c-zhang-wei, support: 3}
        ---
        """)


def test_won_value_decision_and_a_stance_no_longer_recorded(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opp = _opportunity(repo)
    _commit(repo, "acme: erp")
    _edit(opp, ("stage: negotiation", "stage: won"), ("value: 1200000", "value: 1500000"),
          ("decision: 2027-01-31", "decision: 2026-11-20"), ("stances:\n  - {contact: c-zhang-wei, support: 3}",
                                                             "stances: []"))
    _commit(repo, "acme: erp won")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "- ERP rollout: won (was negotiation)\n" in out and "1 opportunity(ies) won" in out
    assert "- ERP rollout: value 1,200,000 EUR → 1,500,000 EUR ▲\n" in out
    assert "- ERP rollout: decision date 2027-01-31 → 2026-11-20\n" in out
    assert "- ERP rollout: Zhang Wei's stance no longer recorded (was neutral)\n" in out
    _edit(opp, ("stage: won", "stage: lost"))
    _commit(repo, "acme: erp lost after all")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY, "--lang", "zh")[1]
    assert "- ERP rollout：丢单（原为 赢单）\n" in out and "1 个机会点丢单" in out


def test_who_knows_whom_pairs_gained_lost_and_moved(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contact = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    _edit(contact, ("owners: [p-tom-hale]", "owners: [p-tom-hale]\nknows:\n  - {person: p-tom-hale, strength: 3}"))
    _commit(repo, "acme: tom knows zhang")
    _edit(contact, ("owners: [p-tom-hale]", "owners: [p-li-na]"),
          ("  - {person: p-tom-hale, strength: 3}", "  - {person: p-tom-hale, strength: 4}\n"
                                                    "  - {person: p-li-na, strength: 2}"))
    _commit(repo, "acme: li na takes over")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "- Li Na now owns the relationship with Zhang Wei (CTO)\n" in out
    assert "- Tom Hale no longer owns the relationship with Zhang Wei (CTO)\n" in out
    assert "- Li Na knows Zhang Wei (CTO): acquainted\n" in out
    assert "- Tom Hale ↔ Zhang Wei (CTO): working relationship → trusted ▲\n" in out
    assert "1 new who-knows-whom pair(s) · 1 relationship strength change(s)" in out
    _edit(contact, ("  - {person: p-li-na, strength: 2}\n", ""))
    _commit(repo, "acme: li na gone")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "- Li Na no longer listed as knowing Zhang Wei (CTO) (was acquainted)\n" in out
    zh = cli(capsys, "diff", "HEAD~2", "--today", TODAY, "--lang", "zh")[1]
    assert "- Li Na 现在负责与 Zhang Wei（CTO） 的关系\n" in zh
    assert "- Tom Hale ↔ Zhang Wei（CTO）：工作关系 → 信任 ▲\n" in zh


def test_installed_base_cells_and_overdue_actions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    account = repo / "accounts" / "acme" / "account.md"
    _edit(account, ("---\nAcme builds", "footprint:\n  - {unit: IT, offering: erp, state: installed}\n"
                                         "  - {unit: Plant, offering: erp, state: not-relevant}\n---\nAcme builds"))
    write(repo / "accounts" / "acme" / "actions" / "a-call.md", """\
        ---
        id: a-call
        title: Call the CTO
        owner: p-li-na
        due: 2026-11-01
        ---
        """)
    _commit(repo, "acme: footprint")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "- Installed base: erp in IT is installed\n" in out
    assert "- Overdue since 2026-11-01: Call the CTO (Li Na)\n" in out and "1 overdue action(s)" in out
    _edit(account, ("{unit: IT, offering: erp, state: installed}", "{unit: IT, offering: erp, state: competitor, "
                                                                   "competitor: Norvik}"),
          ("  - {unit: Plant, offering: erp, state: not-relevant}\n", ""))
    _commit(repo, "acme: lost the installed base")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "- Installed base: erp in IT installed → competitor (Norvik)\n" in out
    assert "- Installed base: erp in Plant no longer recorded (was not-relevant)\n" in out
    zh = cli(capsys, "diff", "HEAD~1", "--today", TODAY, "--lang", "zh")[1]
    assert "- 装机基础：IT 的 erp 我方已安装 → 友商占据（Norvik）\n" in zh
    assert "- 自 2026-11-01 起逾期：Call the CTO（Li Na）\n" in zh and "**机会点与行动项**" in zh


def test_a_new_contact_names_who_knows_them_in_one_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "new", "contact", "acme", "--name", "Ida Berg", "--title", "CFO", "--as", "p-li-na",
               "--date", TODAY)[0] == 0
    contact = repo / "accounts" / "acme" / "contacts" / "c-ida-berg.md"
    _edit(contact, ("owners:\n  - p-li-na\n", "owners:\n  - p-li-na\n  - p-tom-hale\n"),
          ("    strength: unknown\n", "    strength: 4\n"))
    _commit(repo, "acme: Ida Berg")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "- Ida Berg (CFO): known by Li Na (trusted), Tom Hale (owner)\n" in out
    assert "now owns" not in out and "Li Na knows" not in out  # one line, not one per pair
    zh = cli(capsys, "diff", "HEAD~1", "--today", TODAY, "--lang", "zh")[1]
    assert "- Ida Berg（CFO）：我方认识此人的有 Li Na（信任），Tom Hale（负责人）\n" in zh
