"""Team views: everyone's accounts, owned relationships and visit cadence against the method's 5 a week."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

from ..incremental.memo import memo
from ..model import Contact
from ..model.portfolio import Dossier
from ..score.config import scoring_config
from ..score.figures import r1, value_of
from . import graphics, scorecard
from .actions import person_actions
from .context import Site, weekly_counts, weeks
from .knows import person_knows
from .paths import Links, account_page, contact_anchor, person_page


@dataclass
class _Involved:
    """One person's share of the portfolio, gathered in a single pass over all dossiers."""

    accounts: dict[str, tuple[Dossier, list[str]]] = field(default_factory=dict)
    """By slug: the dossier and the person's team roles there."""
    owned: list[tuple[Dossier, Contact]] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    touches: dict[str, Dossier] = field(default_factory=dict)
    """By slug: every dossier that names the person (team, contact owner, activity): all a person page reads."""


_Part = tuple[list[str] | None, list[Contact], list[dt.date]]
"""How one dossier names one person: team roles (``None``: not on its team and owns none of its
contacts), owned contacts, activity dates."""

_Share = dict[str, _Part]
"""One dossier's part of the index, by person."""


def _meeting_kinds(site: Site) -> tuple[str, ...]:
    """The activity kinds that count as meeting a customer (每周最少见客户5次: meetings, not calls or e-mail)."""
    return scoring_config(site.settings).cadence_kinds


def _index(site: Site) -> dict[str, _Involved]:
    """Everyone's accounts, owned contacts and activity dates; computed once per build, not once per person.

    Serving (``site.memos``), each dossier's share is kept while the (memoized) dossier is the
    same object, so a rebuild reads only the edited dossier's team, contacts and activities.
    """
    cached = site.cache.get("team")
    if cached is not None:
        return cast(dict[str, _Involved], cached)
    kept = memo("team") if site.memos else None
    kinds = _meeting_kinds(site)
    index: dict[str, _Involved] = defaultdict(_Involved)
    for dossier in site.portfolio.dossiers:
        if kept is None:
            share = _share(dossier, kinds)
        else:  # the kept value holds the dossier, so its id stands for it while it is kept
            share = cast(_Share, kept.get((id(dossier), kinds), partial(_kept_share, dossier, kinds))[1])
        for person, (roles, owned, dates) in share.items():
            involved = index[person]
            if roles is not None:
                involved.accounts[dossier.slug] = (dossier, roles)
                involved.touches[dossier.slug] = dossier
            involved.owned += [(dossier, contact) for contact in owned]
            involved.dates += dates
            if dates:
                involved.touches[dossier.slug] = dossier
        for action in dossier.actions:  # a person page lists the open actions they own
            index[action.data.owner].touches[dossier.slug] = dossier
        for contact in dossier.contacts:  # ... and the contacts they know
            for record in contact.data.knows:
                index[record.person].touches[dossier.slug] = dossier
    site.cache["team"] = index
    return index


def _share(dossier: Dossier, kinds: tuple[str, ...]) -> _Share:
    """Who a dossier names and how: the same order as reading its team, contacts and activities.

    Only meetings (activities of ``kinds``) add a date: the weekly chart counts what the scorecard counts.
    """
    share: _Share = {}

    def of(person: str) -> _Part:
        return share.setdefault(person, (None, [], []))

    for member in dossier.account.data.team:
        roles, owned, dates = of(member.person)
        if roles is None:
            share[member.person] = roles, owned, dates = [], owned, dates
        roles.append(member.role)
    for doc in dossier.contacts:
        for owner in doc.data.owners:
            roles, owned, dates = of(owner)
            if roles is None:
                share[owner] = [], owned, dates
            owned.append(doc.data)
    for activity in dossier.activities:
        for person in dict.fromkeys(activity.data.people) if activity.data.kind in kinds else ():
            of(person)[2].append(activity.data.date)
    return share


def _kept_share(dossier: Dossier, kinds: tuple[str, ...]) -> tuple[Dossier, _Share]:
    return dossier, _share(dossier, kinds)


def touches(site: Site, person_id: str) -> dict[str, Dossier]:
    """The dossiers a person's page is made from, by slug (besides the roster and the person's scores)."""
    involved = _index(site).get(person_id)
    return involved.touches if involved else {}


def activity_dates(site: Site, person_id: str) -> list[dt.date]:
    """The dates of every activity the person took part in (the history's visits by month)."""
    involved = _index(site).get(person_id)
    return list(involved.dates) if involved else []


def _involvement(site: Site, person_id: str, links: Links) -> dict[str, Any]:
    """Accounts, owned relationships and weekly activity counts of one person, linked from ``links``."""
    t = site.t
    involved = _index(site).get(person_id) or _Involved()
    mondays, values, per_week = _cadence(site, involved)
    accounts = [{"name": d.account.data.name, "href": links.to(account_page(slug)), "tier": d.account.data.tier,
                 "roles": [t.enum("team_role", r) for r in roles]}
                for slug, (d, roles) in sorted(involved.accounts.items())]
    owned = [{
        "name": c.name, "title": c.title, "account": d.account.data.name,
        "href": links.to(account_page(d.slug), contact_anchor(c.id)),
        "intimacy": t.scale("intimacy", c.intimacy), "support": t.scale("support", c.support),
        "support_value": c.support or "unknown", "left": c.left,
    } for d, c in involved.owned]
    return {"accounts": accounts, "owned": owned, "mondays": mondays, "values": values, "per_week": per_week}


def _cadence(site: Site, involved: _Involved) -> tuple[list[dt.date], list[int], float]:
    """The weeks of the scoring window, the person's meetings in each, and their mean per week.

    The mean is :func:`generator.score.cadence.person_cadence`'s rounding of the same count, so the
    page header and the scorecard show one figure.
    """
    mondays = weeks(site.today, site.settings.limits.weeks_window)
    values = weekly_counts(involved.dates, mondays)
    return mondays, values, r1(sum(values) / len(values)) if values else 0.0


def team_view(site: Site, links: Links) -> dict[str, Any]:
    """The team index: one line per person."""
    expectation = _plain(site.settings.limits.visits_per_week)
    rows = []
    index = _index(site)
    for person_id, person in sorted(site.people.items(), key=lambda kv: kv[1].name):
        # Counts only: the index holds them without building every person's linked lists.
        involved = index.get(person_id) or _Involved()
        per_week = _cadence(site, involved)[2]
        score = site.person_score(person_id)
        rows.append({
            "name": person.name, "title": person.title, "region": person.region or "",
            "href": links.to(person_page(person_id)), "accounts": len(involved.accounts),
            "owned": len(involved.owned), "per_week": per_week,
            "below": per_week < expectation,
            "score": scorecard.show_value(score.score.value, site.t) if score else "",
            "rank_value": value_of(score.score) if score else None,
            "sales_per_head": scorecard.show_value(score.details[2].value, site.t) if score else "",
            "unit": score.details[2].unit if score else "",
        })
    # Ranked by the method (KPI results and key actions of the accounts served), not by meetings logged.
    rows.sort(key=lambda r: (r["rank_value"] is None, -(r["rank_value"] or 0.0)))
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
        "actions": person_actions(site, person_id, touches(site, person_id).values(), links),
        "knows": person_knows(site, person_id, touches(site, person_id).values(), links),
    }


def _plain(number: float) -> float | int:
    """``5`` rather than ``5.0`` for display."""
    return int(number) if float(number).is_integer() else number
