"""Build small portfolios straight from the model dataclasses, with only the fields a test cares about."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from typing import Any

from generator.config import Settings
from generator.model import (
    Account,
    Activity,
    Contact,
    Initiative,
    Issue,
    Kpi,
    Person,
    Plan,
    Roster,
    Satisfaction,
    Source,
    Strategy,
    TeamMember,
)
from generator.model.document import Document
from generator.model.portfolio import Dossier, Portfolio

TODAY = dt.date(2026, 11, 27)


def day(text: str) -> dt.date:
    """A date from ``YYYY-MM-DD``."""
    return dt.date.fromisoformat(text)


def account(**kw: Any) -> Account:
    """An account with plain defaults: tier B, mature market, EUR."""
    base: dict[str, Any] = {"name": "Test Co", "tier": "B", "industry": "Testing", "region": "North",
                            "market": "mature", "currency": "EUR"}
    base.update(kw)
    return Account(**base)


def strategy(**kw: Any) -> Strategy:
    """A strategy insight; stable fit on the main channel unless told."""
    base: dict[str, Any] = {"horizon": "2026-2030", "summary": "Grows.", "fit": 4, "trend": "stable",
                            "position": "main-channel"}
    base.update(kw)
    return Strategy(**base)


def contact(cid: str, **kw: Any) -> Contact:
    """A neutral middle-manager contact, reviewed in time."""
    base: dict[str, Any] = {"id": cid, "name": cid, "title": "Manager", "department": "IT", "level": "middle",
                            "role": "user", "influence": 3, "intimacy": 3, "support": 3,
                            "review_by": TODAY + dt.timedelta(days=30)}
    base.update(kw)
    return Contact(**base)


def activity(date: str, **kw: Any) -> Activity:
    """A visit recorded to standard (summary, contact, person, quality 3)."""
    base: dict[str, Any] = {"date": day(date), "kind": "visit", "summary": "Met.", "contacts": ["c-a"],
                            "people": ["p-a"], "quality": 3}
    base.update(kw)
    return Activity(**base)


def plan(pid: str, layer: str, due: str, status: str = "in-progress", progress: int = 0, **kw: Any) -> Plan:
    """An improvement plan owned by ``p-a``."""
    return Plan(id=pid, layer=layer, goal="Improve.", owner="p-a", due=day(due), status=status,  # type: ignore[arg-type]
                progress=progress, **kw)


def initiative(iid: str, status: str, date: str | None = None) -> Initiative:
    """An organizational initiative (benchmarking)."""
    return Initiative(id=iid, kind="benchmarking", title=iid, status=status,  # type: ignore[arg-type]
                      date=day(date) if date else None)


def issue(iid: str, opened: str, closed: str | None = None) -> Issue:
    """An issue, closed when ``closed`` is given."""
    return Issue(id=iid, title=iid, kind="issue", opened=day(opened), status="closed" if closed else "open",
                 closed=day(closed) if closed else None)


def kpi(year: int, sales: float, profit: float, headcount: float, **kw: Any) -> Kpi:
    """One year's KPI record."""
    return Kpi(year=year, sales=sales, profit=profit, headcount=headcount, **kw)


def source(sid: str, collected: str, **kw: Any) -> Source:
    """An annual-report source."""
    return Source(id=sid, channel="annual-report", title=sid, collected=day(collected), **kw)


def survey(date: str, score: int) -> Satisfaction:
    """A satisfaction result."""
    return Satisfaction(date=day(date), score=score, survey="annual")


def team(*members: tuple[str, str]) -> list[TeamMember]:
    """Team members from ``(person, role)`` pairs."""
    return [TeamMember(person=p, role=r) for p, r in members]  # type: ignore[arg-type]


def dossier(slug: str, acct: Account, contacts: list[Contact] | None = None,
            activities: list[Activity] | None = None) -> Dossier:
    """A loaded dossier, as the loader would produce it (without positions)."""
    folder = f"accounts/{slug}"
    return Dossier(slug, folder, Document(f"{folder}/account.md", acct),
                   [Document(f"{folder}/contacts/{c.id}.md", c) for c in contacts or []],
                   [Document(f"{folder}/activities/{a.date}.md", a) for a in activities or []],
                   contact_ids={c.id for c in contacts or []})


def portfolio(*dossiers: Dossier, people: tuple[str, ...] = ("p-a",)) -> Portfolio:
    """A portfolio of ``dossiers`` with a roster of ``people``."""
    roster = Roster(people=[Person(id=p, name=p, title="AM") for p in people])
    return Portfolio("accounts", Document("accounts/roster.yml", roster), list(dossiers), [])


def settings(today: dt.date = TODAY, **scoring: Any) -> Settings:
    """Default settings as of ``today``, with ``scoring`` overrides."""
    return Settings(today=today, scoring=scoring)


def write_files(root: str, files: dict[str, str]) -> None:
    """Write ``{relative path: text}`` under ``root`` (text dedented), creating folders."""
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(textwrap.dedent(text).lstrip("\n"))


ROSTER = """
people:
  - {id: p-a, name: Ann, title: AM}
"""

ACCOUNT_MD = """
---
name: Tiny Co
tier: {tier}
industry: Testing
region: North
market: mature
currency: EUR
team:
  - {{person: p-a, role: AR}}
plans:
  - {{id: pl-1, layer: key, goal: Win the CTO, owner: p-a, due: 2027-06-30, status: in-progress,
     progress: {progress}}}
kpi:
  - {{year: 2026, sales: 900, profit: 108, headcount: 3, target: 1200}}
---
Tiny Co.
"""


def tiny_dossier(tier: str = "B", progress: int = 40) -> dict[str, str]:
    """Files of a one-account portfolio on disk (roster, account, nothing else)."""
    return {"accounts/roster.yml": ROSTER,
            "accounts/tiny-co/account.md": ACCOUNT_MD.format(tier=tier, progress=progress)}
