"""Sample-like data for the SVG tests and the screenshot helper: deterministic, no randomness."""

from __future__ import annotations

import datetime as dt

from generator.model.contact import Contact
from generator.model.roster import Person
from generator.render.svg.fitchart import FitPoint

OWNERS: dict[str, Person] = {
    "p-li-na": Person(id="p-li-na", name="Li Na", title="Account manager"),
    "p-tom-berg": Person(id="p-tom-berg", name="Tom Berg", title="Solution manager"),
    "p-wang-fang": Person(id="p-wang-fang", name="王芳", title="交付经理"),
    "p-ana-ruiz": Person(id="p-ana-ruiz", name="Ana Ruiz", title="Sales VP"),
}
_OWNER_IDS = sorted(OWNERS)
_DEPTS = ("Technology", "Finance", "Procurement", "Operations", "Network Planning & Engineering", "Marketing")
_FIRST = ("Zhang", "Wang", "Müller", "Chen", "Smith", "Liu", "Nakamura", "O'Brien", "Rossi", "Huang", "Kowalski")
_LAST = ("Wei", "Min", "Anna", "Jie", "Robert", "Yang", "Haruki", "Siobhan", "Giulia", "Lei", "Piotr", "Ming")
_ROLES = (
    "decision-maker",
    "economic-buyer",
    "technical-evaluator",
    "influencer",
    "user",
    "approver",
    "blocker",
    "executive-sponsor",
    "other",
)
_TITLES = (
    "Chief Technology Officer",
    "VP Network Engineering",
    "Head of Procurement",
    "Senior Architect",
    "Engineer",
    "Director of Finance Transformation Programmes",
    "Team Lead",
    "Analyst",
)
_CJK_NAMES = ("张伟", "欧阳娜娜", "李明", "司马相如", "王小红")
_CJK_TITLES = ("网络规划与工程部副总经理兼首席架构师", "采购经理", "财务总监")
LEVELS = ("executive", "senior", "middle", "staff")


def contact(cid: str, **kw: object) -> Contact:
    """A contact with sensible defaults; keyword arguments override any field."""
    base: dict[str, object] = {
        "id": cid,
        "name": cid,
        "title": "Engineer",
        "department": "Technology",
        "level": "staff",
        "role": "user",
        "influence": 3,
        "intimacy": 3,
        "support": 3,
        "review_by": dt.date(2027, 6, 30),
    }
    base.update(kw)
    return Contact(**base)  # type: ignore[arg-type]


def org(counts: tuple[int, ...] = (1, 4, 8, 12), *, extra_roots: int = 0) -> list[Contact]:
    """A customer organization: ``counts[d]`` people on level ``d``, each reporting to someone one level up.

    Reports are spread unevenly (the first manager of a level gets the most), one person in
    seventeen has left, every ninth has a dotted line, every eighth is a coach, owners vary
    from none to three. ``extra_roots`` adds people with no known manager.
    """
    people: list[Contact] = []
    above: list[str] = []
    i = 0
    for depth, count in enumerate(counts):
        here: list[str] = []
        for k in range(count):
            boss = above[_uneven(k, count, len(above))] if above else None
            here.append(_person(people, i, depth, boss))
            i += 1
        above = here
    for _ in range(extra_roots):
        _person(people, i, 3, "c-unknown" if i % 2 else None)
        i += 1
    return people


def _uneven(k: int, count: int, managers: int) -> int:
    """Manager index for report ``k``: about half the reports go to the first manager."""
    half = count // 2
    return 0 if k < half else 1 + (k - half) % max(1, managers - 1) if managers > 1 else 0


def _person(people: list[Contact], i: int, depth: int, boss: str | None) -> str:
    cid = f"c-{i:03d}"
    people.append(
        contact(
            cid,
            name=_CJK_NAMES[i // 5 % len(_CJK_NAMES)]
            if i % 5 == 2
            else f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 5) % len(_LAST)]}",
            title=_CJK_TITLES[i % len(_CJK_TITLES)]
            if i % 5 == 2
            else _TITLES[(i + depth) % len(_TITLES)]
            if depth
            else "Chief Executive Officer",
            department=_DEPTS[(i * 5 + i // 7) % len(_DEPTS)],
            level=LEVELS[min(depth, 3)],
            role=_ROLES[(i * 5) % len(_ROLES)],
            influence=max(1, 5 - depth - (i % 2)),
            intimacy=1 + (i * 3) % 5,
            support=1 + (i * 2 + depth) % 5,
            owners=[_OWNER_IDS[(i + k) % len(_OWNER_IDS)] for k in range(i % 4)],
            reports_to=boss,
            dotted_to=[f"c-{i - 3:03d}"] if i % 9 == 4 else [],
            coach=i % 8 == 3,
            left=dt.date(2025, 3, 1) if i % 17 == 12 else None,
        )
    )
    return cid


def portfolio(n: int = 24) -> list[FitPoint]:
    """``n`` accounts across tiers, fits and three decades of sales; some cash cows, one without sales."""
    names = (
        "Acme Telecom",
        "Northwind Energy",
        "华东电网",
        "Globex Bank",
        "Initech Logistics",
        "Umbrella Health",
        "Stark Industries",
        "Wayne Shipping",
        "长江航运集团",
        "Tyrell Mobile",
        "Cyberdyne Rail",
        "Soylent Foods",
        "Hooli Cloud",
        "Vandelay Imports",
        "Wonka Retail",
        "Oceanic Air",
        "Aperture Labs",
        "Gringotts Finance",
        "Duff Beverages",
        "Pied Piper Media",
        "Massive Dynamic",
        "Nakatomi Trading",
        "Blue Sun Mining",
        "Sirius Cybernetics",
    )
    tiers = "SAABBBCC"
    trends = ("converging", "stable", "diverging", None)
    out = []
    for i in range(n):
        fit = 1 + (i * 3) % 5
        sales = None if i == 7 else round(20_000 * (1.9 ** ((i * 7) % 12)), -3)
        out.append(
            FitPoint(
                name=names[i % len(names)] + ("" if i < len(names) else f" {i}"),
                fit=fit,
                sales=sales,
                tier=tiers[i % len(tiers)],
                cash_cow=fit <= 2 and (sales or 0) > 500_000,
                trend=trends[i % 4],
            )
        )
    return out
