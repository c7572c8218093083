"""Fixture portfolios for the security tests: canary strings in every restricted place, hostile payloads.

Each writer creates ``mkdocs.yml``, ``docs/index.md`` and ``accounts/`` under a folder, so
the same fixture serves ``load_portfolio``, ``accountplan check`` and ``accountplan build``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Every value that must never reach an internal build. Lower-case ASCII words so that
# search-index tokenizing, case folding or URL quoting cannot hide a leak from the test.
RESTRICTED_CANARIES = {
    "gift_id": "g-canarygiftid",
    "gift_description": "canarygiftdescription",
    "gift_purpose": "canarygiftpurpose",
    "personal_notes": "canarypersonalnotes",
    "personal_preferences": "canarypersonalprefs",
    "secret_contact_name": "Canarysecretname",
    "secret_contact_title": "canarysecrettitle",
    "secret_contact_goals": "canarysecretgoals",
    "secret_contact_department": "canarysecretdept",
    "secret_contact_body": "canarysecretcontactbody",
    "secret_contact_id": "c-canarysecretid",
    "secret_activity_summary": "canarysecretactivitysummary",
    "secret_activity_opinion": "canarysecretopinion",
    "secret_activity_body": "canarysecretactivitybody",
    "secret_source_title": "canarysecretsourcetitle",
    "secret_source_url": "canarysecretsourceurl",
    "secret_source_id": "s-canarysecretsource",
}
# Internal values that must still be there, so the test proves the build showed something.
INTERNAL_MARKERS = {
    "open_contact_name": "Visiblemarkername",
    "open_activity_summary": "visiblemarkeractivity",
}

MKDOCS_YML = """\
site_name: Security fixture
site_url: https://accounts.example.com/
docs_dir: docs
site_dir: site
theme:
  name: material
  custom_dir: {theme}
  language: {language}
  font: false
plugins:
  - search
  - accountplan:
      accounts: accounts
      today: 2026-11-27
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
nav:
  - index.md
"""

ROSTER = """\
people:
  - id: p-owner
    name: Olga Owner
    title: Account Director
  - id: p-boss
    name: Bert Boss
    title: Sales Director
"""


def write_site(root: Path, *, language: str = "en") -> None:
    """``mkdocs.yml`` and ``docs/index.md`` for a fixture under ``root``."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Fixture\n\nSecurity test portfolio.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(theme=REPO / "theme", language=language), encoding="utf-8"
    )
    (root / "accounts").mkdir(exist_ok=True)
    (root / "accounts" / "roster.yml").write_text(ROSTER, encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def write_canary_portfolio(root: Path) -> None:
    """One account whose restricted fields and entries each hold a distinct canary."""
    c = RESTRICTED_CANARIES
    write_site(root)
    account = root / "accounts" / "canary-co"
    _write(account / "account.md", f"""
        ---
        name: Canary Co
        tier: B
        industry: Retail
        region: North
        market: mature
        currency: EUR
        team:
          - {{person: p-owner, role: AR}}
        sources:
          - id: s-open
            channel: news
            title: Open news item
            collected: 2026-10-01
            url: https://example.com/news
          - id: {c["secret_source_id"]}
            channel: coach
            title: {c["secret_source_title"]}
            collected: 2026-10-01
            url: https://example.com/{c["secret_source_url"]}
            sensitivity: restricted
        plans:
          - id: pl-secret
            layer: key
            goal: Win over the hidden sponsor.
            owner: p-owner
            due: 2027-03-31
            status: planned
            target: {c["secret_contact_id"]}
        initiatives:
          - id: in-visit
            kind: executive-visit
            title: Executive visit
            status: planned
            date: 2027-01-15
            people: [p-owner]
            contacts: [c-open, {c["secret_contact_id"]}]
        issues:
          - id: is-one
            title: Slow delivery
            kind: issue
            opened: 2026-10-01
            status: open
            contact: {c["secret_contact_id"]}
        gifts:
          - id: {c["gift_id"]}
            date: 2026-09-01
            recipient: c-open
            kind: gift
            description: {c["gift_description"]}
            value: 40
            currency: EUR
            purpose: {c["gift_purpose"]}
            given_by: p-owner
            public_official: false
            sensitivity: internal
        ---

        Canary Co buys through its central procurement team.
        """)
    _write(account / "contacts" / "c-open.md", f"""
        ---
        id: c-open
        name: {INTERNAL_MARKERS["open_contact_name"]}
        title: Head of Procurement
        department: Procurement
        level: senior
        role: decision-maker
        influence: 4
        intimacy: 3
        support: 4
        owners: [p-owner]
        coach: true
        reports_to: {c["secret_contact_id"]}
        review_by: 2027-06-30
        sources: [s-open, {c["secret_source_id"]}]
        personal:
          notes: {c["personal_notes"]}
          preferences: {c["personal_preferences"]}
        ---

        Prefers short written summaries before meetings.
        """)
    _write(account / "contacts" / f"{c['secret_contact_id']}.md", f"""
        ---
        id: {c["secret_contact_id"]}
        name: {c["secret_contact_name"]}
        title: {c["secret_contact_title"]}
        department: {c["secret_contact_department"]}
        level: executive
        role: economic-buyer
        influence: 5
        intimacy: 2
        support: 3
        owners: [p-owner]
        reports_to: c-ceo
        goals: {c["secret_contact_goals"]}
        review_by: 2027-06-30
        sensitivity: restricted
        ---

        {c["secret_contact_body"]}
        """)
    _write(account / "contacts" / "c-ceo.md", """
        ---
        id: c-ceo
        name: Cora Chief
        title: CEO
        department: Board
        level: executive
        role: decision-maker
        influence: 5
        intimacy: 3
        support: 4
        review_by: 2027-06-30
        ---
        """)
    _write(account / "activities" / "2026-11-02-open-call.md", f"""
        ---
        date: 2026-11-02
        kind: call
        summary: {INTERNAL_MARKERS["open_activity_summary"]}
        contacts: [c-open, {c["secret_contact_id"]}]
        people: [p-owner]
        plan: pl-secret
        ---

        Agreed to send the proposal.
        """)
    _write(account / "activities" / "2026-11-05-secret-lunch.md", f"""
        ---
        date: 2026-11-05
        kind: meal
        summary: {c["secret_activity_summary"]}
        contacts: [c-open]
        people: [p-owner]
        opinions: [{c["secret_activity_opinion"]}]
        sensitivity: restricted
        ---

        {c["secret_activity_body"]}
        """)


# --- hostile payloads ------------------------------------------------------------------------

MARK = "apxss"
"""Every payload carries this marker, so a leak of live markup is easy to find."""


def payload(beacon: str = "http://127.0.0.1:9/") -> str:
    """Markup that, if it ever ran, sets ``window.__pwned``, changes the title and calls ``beacon``."""
    js = f"window.__pwned=1;document.title='PWNED';fetch('{beacon}{MARK}')"
    return f'<img src=x onerror="{js}"><script>{js}</script>'


LINK_SCHEMES = ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "javascript&#58;alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "java\tscript:alert(1)")


QUOTES = 'Paul "Quote" O\'Neil & Sons'


def _yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hostile_portfolio(root: Path, beacon: str = "http://127.0.0.1:9/") -> None:
    """An account whose every text field and body carries a script payload or a script link."""
    p = payload(beacon)
    q = _yaml_quote
    write_site(root)
    account = root / "accounts" / "evil-co"
    # joined with the template's own indentation, so that dedent still sees one margin
    links = "\n        ".join(f"- [{MARK} link {i}]({url})" for i, url in enumerate(LINK_SCHEMES))
    _write(account / "account.md", f"""
        ---
        name: {q("Evil " + p + " & Co </text><script>" + MARK + "()</script>")}
        tier: A
        industry: {q("Retail " + p)}
        region: {q("North " + p)}
        market: mature
        currency: EUR
        segment: {q(p)}
        team:
          - {{person: p-owner, role: AR}}
        strategy:
          horizon: 2026-2030
          summary: {q("Strategy " + p)}
          fit: 4
          trend: converging
          position: main-channel
          investment_areas: [{q(p)}]
          facts:
            - text: {q("Fact " + p)}
              sources: [s-one]
          sources: [s-one]
        sources:
          - id: s-one
            channel: news
            title: {q("Source " + p)}
            collected: 2026-10-01
            url: {q("javascript:alert(1)")}
        plans:
          - id: pl-one
            layer: key
            goal: {q("Goal " + p)}
            owner: p-owner
            due: 2027-03-31
            status: planned
            target: c-evil
        issues:
          - id: is-one
            title: {q("Issue " + p)}
            kind: complaint
            opened: 2026-10-01
            status: open
            contact: c-evil
        ---

        # Body heading {p}

        Raw HTML straight in the body:

        <script>window.__pwned=1;fetch('{beacon}{MARK}-body')</script>
        <img src="x" onerror="window.__pwned=1">
        <style>body {{ display: none }} .{MARK} {{ color: red }}</style>
        <iframe src="javascript:alert(1)"></iframe>
        <a href="javascript:alert(1)" onclick="window.__pwned=1">{MARK} click</a>
        <svg onload="window.__pwned=1"><circle r="5"/></svg>

        {links}
        """)
    _write(account / "contacts" / "c-evil.md", f"""
        ---
        id: c-evil
        name: {q("Eve </text><script>" + MARK + "()</script> " + p + " & <b>bold</b>")}
        title: {q("CTO " + p)}
        department: {q("IT " + p)}
        level: executive
        role: decision-maker
        influence: 5
        intimacy: 3
        support: 4
        owners: [p-owner]
        goals: {q("Goals " + p)}
        review_by: 2027-06-30
        ---

        Contact notes {p}

        <script>window.__pwned=1</script>
        """)
    _write(account / "contacts" / "c-plain.md", f"""
        ---
        id: c-plain
        name: {q(QUOTES)}
        title: CFO
        department: {q("IT " + p)}
        level: senior
        role: economic-buyer
        influence: 4
        intimacy: 2
        support: 2
        owners: [p-owner]
        reports_to: c-evil
        review_by: 2027-06-30
        ---
        """)
    _write(account / "activities" / "2026-11-20-evil-visit.md", f"""
        ---
        date: 2026-11-20
        kind: visit
        summary: {q("Visit " + p)}
        contacts: [c-evil, c-plain]
        people: [p-owner]
        opinions: [{q("Opinion " + p)}]
        ---

        Notes {p}
        """)


# --- running the CLI -------------------------------------------------------------------------


def accountplan(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process, as a user would."""
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=600, check=False)


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` by relative path."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``accountplan build`` in ``project``; fails the test with the log when the build fails."""
    done = accountplan("build", "--quiet", *extra, cwd=project)
    assert done.returncode == 0, done.stderr
    return done
