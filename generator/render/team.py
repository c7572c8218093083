"""Team views: everyone's accounts, owned relationships and visit cadence against the method's 5 a week."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import graphics, scorecard
from .account import contact_anchor
from .context import Site, weekly_counts, weeks
from .paths import Links, account_page, person_page


def _involvement(site: Site, person_id: str, links: Links) -> dict[str, Any]:
    """Accounts, owned relationships and weekly activity counts of one person."""
    t = site.t
    accounts: list[dict[str, Any]] = []
    owned: list[dict[str, Any]] = []
    dates: list[dt.date] = []
    for dossier in site.portfolio.dossiers:
        account = dossier.account.data
        roles = [t.enum("team_role", m.role) for m in account.team if m.person == person_id]
        mine = [c for c in [doc.data for doc in dossier.contacts] if person_id in c.owners]
        href = links.to(account_page(dossier.slug))
        if roles or mine:
            accounts.append({"name": account.name, "href": href, "tier": account.tier, "roles": roles})
        owned.extend({
            "name": c.name, "title": c.title, "account": account.name,
            "href": links.to(account_page(dossier.slug), contact_anchor(c.id)),
            "intimacy": t.scale("intimacy", c.intimacy), "support": t.scale("support", c.support),
            "support_value": c.support, "left": c.left,
        } for c in mine)
        dates.extend(doc.data.date for doc in dossier.activities if person_id in doc.data.people)
    mondays = weeks(site.today, site.settings.limits.weeks_window)
    values = weekly_counts(dates, mondays)
    return {"accounts": accounts, "owned": owned, "mondays": mondays, "values": values,
            "per_week": round(sum(values) / len(values), 1) if values else 0.0}


def team_view(site: Site, links: Links) -> dict[str, Any]:
    """The team index: one line per person."""
    expectation = _plain(site.settings.limits.visits_per_week)
    rows = []
    for person_id, person in sorted(site.people.items(), key=lambda kv: kv[1].name):
        info = _involvement(site, person_id, links)
        score = site.person_score(person_id)
        rows.append({
            "name": person.name, "title": person.title, "region": person.region or "",
            "href": links.to(person_page(person_id)), "accounts": len(info["accounts"]),
            "owned": len(info["owned"]), "per_week": info["per_week"],
            "below": info["per_week"] < expectation,
            "score": scorecard.show_value(score.score.value, site.t) if score else "",
        })
    return {"rows": rows, "expectation": expectation, "weeks": site.settings.limits.weeks_window}


def person_view(site: Site, person_id: str, links: Links) -> dict[str, Any]:
    """One person's page."""
    person = site.people[person_id]
    info = _involvement(site, person_id, links)
    expectation = _plain(site.settings.limits.visits_per_week)
    manager = site.people.get(person.manager or "")
    return {
        "id": person_id, "name": person.name, "title": person.title, "region": person.region or "",
        "manager": {"name": manager.name, "href": links.to(person_page(manager.id))} if manager else None,
        **info,
        "expectation": expectation,
        "chart": graphics.weekly_bars(info["mondays"], info["values"], expectation, site.t.lang),
        "weeks": list(zip(info["mondays"], info["values"], strict=True)),
        "scorecard": scorecard.person_sections(site.person_score(person_id), site.t,
                                              site.deltas.get(("person", person_id), {})),
        "has_deltas": bool(site.deltas),
    }


def _plain(number: float) -> float | int:
    """``5`` rather than ``5.0`` for display."""
    return int(number) if float(number).is_integer() else number
