"""The site tells an account's story from a real git history: a contact moving from neutral to supporter.

A temporary repository gets dated commits (committer dates set per commit): the account is
created with its CTO neutral, a workshop raises intimacy, the folder is renamed with ``git mv``,
and a visit wins the CTO's support. A restricted contact moves too and must never show.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import Settings
from generator.history import movement
from generator.pipeline import gather
from tests.edit.conftest import ACCOUNT, CONTACT, ROSTER, git_env, run_git, write
from tests.hostile_fixtures import write_site

__all__ = ["git_env"]  # the fixed git identity fixture, shared with the diff tests

SECRET = """\
---
id: c-secret
name: Secretmarkername
title: Board advisor
department: Board
level: executive
role: influencer
influence: 4
intimacy: 2
support: 2
owners: [p-tom-hale]
review_by: 2027-05-01
sensitivity: restricted
---
"""

VISIT = """\
---
date: {day}
kind: {kind}
summary: {summary}
contacts: [c-zhang-wei]
people: [p-tom-hale]
---
"""


def commit(repo: Path, day: str, message: str) -> None:
    """Commit everything with this committer (and author) date."""
    env = {**os.environ, "GIT_COMMITTER_DATE": f"{day}T10:00:00Z", "GIT_AUTHOR_DATE": f"{day}T10:00:00Z"}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


@pytest.fixture
def history_repo(tmp_path: Path, git_env: None) -> Path:
    """The fixture history: four dated commits on main, the last one three days before the build date."""
    repo = tmp_path / "repo"
    write_site(repo)
    write(repo / "accounts" / "roster.yml", ROSTER)
    folder = repo / "accounts" / "acme"
    write(folder / "account.md", ACCOUNT)
    write(folder / "contacts" / "c-zhang-wei.md", CONTACT)
    write(folder / "contacts" / "c-secret.md", SECRET)
    run_git(repo, "init", "-q", "-b", "main")
    commit(repo, "2025-12-10", "acme: new account, CTO neutral")
    write(folder / "contacts" / "c-zhang-wei.md", CONTACT.replace("intimacy: 2", "intimacy: 3"))
    write(folder / "activities" / "2026-03-12-workshop.md",
          VISIT.format(day="2026-03-12", kind="workshop", summary="Pilot scoping workshop with the CTO."))
    write(folder / "account.md", ACCOUNT.replace("status: planned\n    progress: 0", "status: in-progress\n"
                                                  "    progress: 30"))
    commit(repo, "2026-03-15", "acme: scoping workshop, CTO trusts us")
    run_git(repo, "mv", "accounts/acme", "accounts/acme-industries")
    commit(repo, "2026-06-20", "rename acme to acme-industries")
    folder = repo / "accounts" / "acme-industries"
    text = (folder / "contacts" / "c-zhang-wei.md").read_text(encoding="utf-8")
    write(folder / "contacts" / "c-zhang-wei.md", text.replace("support: 3", "support: 4"))
    write(folder / "contacts" / "c-secret.md", SECRET.replace("support: 2", "support: 5"))
    write(folder / "activities" / "2026-11-20-visit.md",
          VISIT.format(day="2026-11-20", kind="visit", summary="Joint pilot agreed with the CTO."))
    commit(repo, "2026-11-24", "acme-industries: CTO backs the joint pilot")
    return repo


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` of the project (rule warnings about the fixture are fine; its ``today`` is 2026-11-27)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACCOUNTPLAN_CACHE": str(project / ".cache-history")}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", *extra], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done


def text_of(page: Path) -> str:
    """A page's visible text, tags dropped and spaces collapsed."""
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<script.*?</script>", " ", raw, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def history_text(page: Path) -> str:
    """The visible text of the page's history section."""
    text = text_of(page)
    return text[text.index("History ¶"):]


def test_account_page_tells_the_story_with_dates(history_repo: Path) -> None:
    done = build(history_repo)
    page = history_repo / "site" / "accounts" / "acme-industries" / "index.html"
    story = history_text(page)
    # The support move: date, from neutral to supporter, the commit, and the visit given as the reason.
    assert re.search(r"2026-11-24 Zhang Wei CTO Support: 3 · neutral → 4 · supporter ▲ \w{7} "
                     r"acme-industries: CTO backs the joint pilot 2026-11-20 visit: Joint pilot agreed with the CTO\.",
                     story), story
    # The earlier intimacy move was committed under the old folder name: the rename is followed.
    assert re.search(r"2026-03-15 Zhang Wei CTO Intimacy: 2 · \w[\w ]* → 3 · \w[\w ]* ▲ \w{7} acme: scoping workshop",
                     story), story
    # Scores at quarter ends: none before the account existed, numbers from its first quarter on.
    assert "2025 Q3 — — —" in story and re.search(r"2025 Q4 \d", story)
    # Plans' progress per quarter, and the change log by month in the diff's words.
    assert "pl-key-cto" in story and "30% · in progress" in story
    assert "2026-11 (" in story and "Zhang Wei (CTO): support neutral → supporter ▲" in story
    assert "committer dates (UTC) of the first-parent commits" in story
    assert "history from 4 first-parent commit(s) of HEAD since 2025-12-10" in done.stderr


def test_portfolio_and_home_show_what_changed(history_repo: Path) -> None:
    build(history_repo)
    site = history_repo / "site"
    portfolio = text_of(site / "accounts" / "index.html")
    assert "Last 7 days (1)" in portfolio
    # Each account's trend is a column of the portfolio table itself: sparkline and change since last quarter.
    raw = (site / "accounts" / "index.html").read_text(encoding="utf-8")
    table = raw[raw.index('id="ap-portfolio"'):raw.index("</table>", raw.index('id="ap-portfolio"'))]
    head = re.sub(r"<[^>]+>", " ", table[:table.index("</thead>")])
    assert re.search(r"Findings\s+Trend\s+Since last quarter", head), head
    row = table[table.index('<tr data-tier='):]
    assert row.count("<tr") == 1 and "<svg" in row and "Acme Industries" in row
    assert re.search(r'<td class="ap-num" data-sort="-?[\d.]+">[+±−-][\d.]*</td>\s*</tr>', row), row
    assert 'id="ap-trends"' not in raw  # no separate trend table
    assert "Since last quarter" not in (site / "portfolio" / "by-tier" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"2026-11-24 Acme Industries — Decision maker's support: Zhang Wei \(CTO\): support "
                     r"neutral → supporter", portfolio), portfolio
    home = text_of(site / "index.html")
    assert "Today's dashboard" in home and "What changed this week" in home
    assert "Decision maker's support: Zhang Wei (CTO)" in home
    # The explanation of the site moved to its own page, in the navigation of both languages.
    repo = Path(__file__).resolve().parents[2]
    assert (repo / "docs" / "how-to-read.md").read_text(encoding="utf-8").startswith("# How to read this site")
    assert not (repo / "docs" / "index.md").exists()
    assert "How to read this site: how-to-read.md" in (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "阅读指南: how-to-read.md" in (repo / "mkdocs.zh.yml").read_text(encoding="utf-8")
    person = text_of(site / "team" / "p-tom-hale" / "index.html")
    assert re.search(r"Relationships gained or strengthened 2026-11-24 Zhang Wei CTO — Support: 3 · neutral → 4",
                     person), person


def test_history_hides_what_the_profile_hides(history_repo: Path) -> None:
    build(history_repo)
    for page in (history_repo / "site").rglob("*.html"):
        assert "Secretmarkername" not in page.read_text(encoding="utf-8"), page


def test_same_commit_same_day_same_pages(history_repo: Path, tmp_path: Path) -> None:
    build(history_repo, "-d", str(tmp_path / "one"))
    build(history_repo, "-d", str(tmp_path / "two"))
    for name in ("index.html", "accounts/index.html", "accounts/acme-industries/index.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_chinese_history(history_repo: Path) -> None:
    zh = history_repo / "mkdocs.zh.yml"
    zh.write_text((history_repo / "mkdocs.yml").read_text(encoding="utf-8").replace("language: en", "language: zh"),
                  encoding="utf-8")
    build(history_repo, "-f", str(zh))
    text = text_of(history_repo / "site" / "accounts" / "acme-industries" / "index.html")
    assert "各季度末的评分" in text and "关键联系人的变化" in text and "2026-11-24 Zhang Wei" in text


def test_shallow_clone_says_so(history_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    run_git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone))
    done = build(clone)
    assert "the clone is shallow" in done.stderr
    page = text_of(clone / "site" / "accounts" / "acme-industries" / "index.html")
    assert "This build saw a shallow clone" in page


def test_a_new_commit_recomputes_only_what_it_touched(history_repo: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(accounts=str(history_repo / "accounts"), today=dt.date(2026, 11, 27))
    cache = str(tmp_path / "cache")
    first = gather(settings, timeline=True, history_cache=cache).movement
    assert first is not None and first.accounts["acme-industries"].moves

    def refuse(*args: object) -> None:
        raise AssertionError("recomputed an account whose history did not change")

    with monkeypatch.context() as patched:
        patched.setattr(movement, "contact_moves", refuse)
        again = gather(settings, timeline=True, history_cache=cache).movement
    assert again is not None and again.accounts == first.accounts and again.events == first.events
    contact = history_repo / "accounts" / "acme-industries" / "contacts" / "c-zhang-wei.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("intimacy: 3", "intimacy: 4"), encoding="utf-8")
    commit(history_repo, "2026-11-26", "acme-industries: CTO now close")
    moved = gather(settings, timeline=True, history_cache=cache).movement
    assert moved is not None
    newest = moved.accounts["acme-industries"].moves[0]
    assert (newest.day.isoformat(), newest.key, newest.after) == ("2026-11-26", "intimacy", 4)


def test_forked_workers_compute_the_same_history(history_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(accounts=str(history_repo / "accounts"), today=dt.date(2026, 11, 27))
    alone = gather(settings, timeline=True).movement
    monkeypatch.setattr(movement, "PARALLEL_THRESHOLD", 0)
    forked = gather(settings, timeline=True).movement
    assert alone is not None and forked is not None
    assert forked.accounts == alone.accounts and forked.events == alone.events


def test_commit_subjects_are_escaped(history_repo: Path) -> None:
    contact = history_repo / "accounts" / "acme-industries" / "contacts" / "c-zhang-wei.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace("intimacy: 3", "intimacy: 4"), encoding="utf-8")
    commit(history_repo, "2026-11-26", "<img src=x onerror=alert(1)> & co")
    build(history_repo)
    raw = (history_repo / "site" / "accounts" / "acme-industries" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; co" in raw
    assert "<img src=x" not in raw
