"""``accountplan diff``: account changes between two commits of a real git repository, in the method's words."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .conftest import cli, run_git, write

TODAY = "2026-11-27"


def commit_changes(repo: Path) -> None:
    """A second commit: a tier change, a contact warming up, a new contact, plan progress, visits, an issue."""
    acme = repo / "accounts" / "acme"
    account = (acme / "account.md").read_text(encoding="utf-8")
    account = account.replace("tier: B", "tier: A").replace("status: planned\n    progress: 0",
                                                            "status: in-progress\n    progress: 40")
    account = account.replace("---\nAcme builds", """\
issues:
  - id: is-1
    title: Late spare parts
    kind: complaint
    opened: 2026-11-20
    status: open
---
Acme builds""")
    (acme / "account.md").write_text(account, encoding="utf-8")
    contact = acme / "contacts" / "c-zhang-wei.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("support: 3", "support: 4")
                       .replace("intimacy: 2", "intimacy: 3"), encoding="utf-8")
    write(acme / "contacts" / "c-maria-olsen.md", """\
        ---
        id: c-maria-olsen
        name: Maria Olsen
        title: CFO
        department: Finance
        level: executive
        role: economic-buyer
        influence: 4
        intimacy: 1
        support: 2
        review_by: 2027-05-01
        ---
        """)
    write(acme / "activities" / "2026-11-20-pilot-workshop.md", """\
        ---
        date: 2026-11-20
        kind: workshop
        summary: Pilot scope agreed.
        contacts: [c-zhang-wei]
        people: [p-tom-hale, p-li-na]
        ---
        """)
    write(acme / "activities" / "2026-11-24-cfo-call.md", """\
        ---
        date: 2026-11-24
        kind: call
        summary: First call with the CFO.
        contacts: [c-maria-olsen]
        people: [p-tom-hale]
        ---
        """)
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "-m", "acme: pilot progress")


EXPECTED = """\
<!-- accountplan-diff -->
## Account changes

**1 account(s) changed** between `HEAD~1` and `HEAD`: 1 new contact(s) · 1 support change(s) · \
1 intimacy change(s) · 1 plan update(s) · 3 new activity(ies) · 1 new issue(s).

### Acme Industries (`acme`) - changed

**Account**

- Tier B → A ▲

**Contacts**

- New contact: Maria Olsen (CFO), economic-buyer, support non-supporter, intimacy stranger
- Zhang Wei (CTO): support neutral → supporter ▲
- Zhang Wei (CTO): intimacy acquainted → familiar ▲

**Plans and initiatives**

- Plan pl-key-cto (key): status planned → in-progress, progress 0% → 40% ▲

**New activities**

- Li Na: 1 new - 2026-11-20 workshop with Zhang Wei
- Tom Hale: 2 new - 2026-11-20 workshop with Zhang Wei; 2026-11-24 call with Maria Olsen

**Issues and complaints**

- New complaint is-1: Late spare parts (open)
"""


def test_markdown_describes_each_change(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit_changes(repo)
    status, out, _ = cli(capsys, "diff", "HEAD~1", "--today", TODAY)
    assert status == 0
    head, scores = out.split("\n**Scores**\n\n")
    assert head == EXPECTED  # exact, up to the scores
    for line in scores.strip().splitlines():  # the values belong to the scoring model; their shape is ours
        assert re.fullmatch(r"- [A-Z][\w ()-]+: (n/a|[\d.]+|\w[\w-]*) → (n/a|[\d.]+|\w[\w-]*)( [▲▼] \([+-][\d.]+\))?",
                            line), line
    assert "- Total score: " in scores


def test_json_holds_the_same_changes_as_data(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit_changes(repo)
    status, out, _ = cli(capsys, "diff", "HEAD~1", "HEAD", "--format", "json", "--today", TODAY)
    data = json.loads(out)
    assert status == 0 and (data["base"], data["head"]) == ("HEAD~1", "HEAD")
    (acme,) = data["accounts"]
    support = next(c for c in acme["changes"] if c["kind"] == "support")
    assert (support["subject"], support["before"], support["after"]) == ("c-zhang-wei", 3, 4)
    visits = {c["subject"]: c["details"]["files"] for c in acme["changes"] if c["kind"] == "activities"}
    assert visits == {"p-li-na": ["2026-11-20-pilot-workshop.md"],
                      "p-tom-hale": ["2026-11-20-pilot-workshop.md", "2026-11-24-cfo-call.md"]}


def test_added_and_removed_accounts_and_leavers(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli(capsys, "new", "account", "globex", "--date", TODAY)
    contact = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("review_by:", "left: 2026-11-01\nreview_by:"),
                       encoding="utf-8")
    run_git(repo, "add", "-A")
    run_git(repo, "commit", "-q", "-m", "globex; Zhang Wei left")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "- Zhang Wei (CTO) left on 2026-11-01\n" in out
    assert "### Globex (`globex`) - new account\n" in out
    assert "- New account: tier C, breakthrough market, 0 contact(s), 0 activity(ies)\n" in out
    run_git(repo, "rm", "-q", "-r", "accounts/globex")
    run_git(repo, "commit", "-q", "-m", "drop globex")
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY)[1]
    assert "### Globex (`globex`) - removed\n\n**Account**\n\n- Account removed (was tier C)\n" in out


def test_no_changes_and_working_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = cli(capsys, "diff", "HEAD", "--today", TODAY)[1]
    assert "No changes to account data between `HEAD` and `HEAD`." in out
    contact = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("support: 3", "support: 1"), encoding="utf-8")
    out = cli(capsys, "diff", "HEAD", ".", "--today", TODAY)[1]
    assert "- Zhang Wei (CTO): support neutral → opponent ▼\n" in out and "and `working tree`" in out


def test_maps_before_and_after(repo: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    commit_changes(repo)
    status, _, err = cli(capsys, "diff", "HEAD~1", "--maps", "maps", "--today", TODAY)
    assert status == 0 and "wrote maps/acme.after.svg" in err
    before = (repo / "maps" / "acme.before.svg").read_text(encoding="utf-8")
    after = (repo / "maps" / "acme.after.svg").read_text(encoding="utf-8")
    assert before.startswith("<svg") and "Maria Olsen" not in before and "Maria Olsen" in after
    assert ElementTree.fromstring(after).tag == "{http://www.w3.org/2000/svg}svg"  # a standalone SVG file


def test_unknown_revision_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "diff", "origin/nothing")
    assert status == 2 and "unknown revision 'origin/nothing'" in err


def test_markdown_in_names_cannot_inject(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    contact = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    text = contact.read_text(encoding="utf-8").replace("name: Zhang Wei", 'name: "[x](https://evil.test) @octocat <b>"')
    contact.write_text(text.replace("support: 3", "support: 4"), encoding="utf-8")
    out = cli(capsys, "diff", "HEAD", ".", "--today", TODAY)[1]
    assert r"\[x\](https://evil.test) &#64;octocat \<b\> (CTO): support neutral → supporter ▲" in out


def test_parallel_activity_branches_merge_without_conflict(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for branch, person in (("tom", "p-tom-hale"), ("li", "p-li-na")):
        run_git(repo, "checkout", "-q", "-b", branch, "main")
        assert cli(capsys, "new", "activity", "acme", "--as", person, "--contacts", "c-zhang-wei",
                   "--summary", f"Visit by {person}", "--date", TODAY)[0] == 0
        run_git(repo, "add", "-A")
        run_git(repo, "commit", "-q", "-m", f"activity by {person}")
    run_git(repo, "checkout", "-q", "main")
    assert run_git(repo, "merge", "-q", "--no-edit", "tom").returncode == 0
    merged = run_git(repo, "merge", "-q", "--no-edit", "li", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    names = sorted(p.name for p in (repo / "accounts" / "acme" / "activities").iterdir())
    assert names == ["2026-11-27-visit-by-p-li-na.md", "2026-11-27-visit-by-p-tom-hale.md"]
    out = cli(capsys, "diff", "HEAD~2", "--today", TODAY)[1]
    assert "- Li Na: 1 new - 2026-11-27 visit with Zhang Wei\n" in out
    assert "- Tom Hale: 1 new - 2026-11-27 visit with Zhang Wei\n" in out


def test_closed_issue_and_initiative_progress(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit_changes(repo)
    path = repo / "accounts" / "acme" / "account.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    status: open\n", "    status: closed\n    closed: 2026-11-26\n")
    text = text.replace("issues:\n", """\
initiatives:
  - id: in-bench
    kind: benchmarking
    title: Strategic benchmarking with Acme's board
    status: planned
issues:
""")
    path.write_text(text, encoding="utf-8")
    out = cli(capsys, "diff", "HEAD", ".", "--today", TODAY)[1]
    assert "- New initiative in-bench (benchmarking): Strategic benchmarking with Acme's board - planned\n" in out
    assert "- Closed complaint is-1: Late spare parts\n" in out
    assert "1 closed issue(s)" in out.splitlines()[3]


def test_chinese_report_speaks_chinese(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit_changes(repo)
    status, out, _ = cli(capsys, "diff", "HEAD~1", "--today", TODAY, "--lang", "zh")
    assert status == 0
    assert "## 客户变更" in out and "个客户发生变化" in out and "**联系人**" in out and "**评分**" in out
    body = out.split("\n", 2)[2]
    # every line is Chinese, apart from names, ids, codes, numbers and the titles the data brings
    data = re.compile(r"`[^`]*`|\(?c-[\w-]+\)?|Acme|Zhang Wei|Li Na|Tom Hale|Maria Olsen|Late spare parts")
    english = [line for line in body.splitlines() if re.search(r"\b[a-z]{4,} [a-z]{3,}\b", data.sub("", line))]
    assert english == [], english


def test_chinese_report_writes_full_width_brackets(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit_changes(repo)
    out = cli(capsys, "diff", "HEAD~1", "--today", TODAY, "--lang", "zh")[1]
    assert re.search(r"^### .+（`[\w-]+`）— \S+$", out, re.M), out
    assert not re.search(r"[\u3400-\u9fff](?:: |, |; | \()", out), out
