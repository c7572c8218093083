"""Action items on the pages: an account's actions, a person's open actions, and the portfolio's due list.

The portfolio lists every open action due within :data:`DUE_WINDOW_DAYS` or already overdue, soonest first,
so a manager sees the next two weeks of the whole team's promises on one page.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from typing import Any

from ..model import Action
from ..model.document import Document
from ..model.portfolio import Dossier
from .context import Site
from .paths import Links, account_page, contact_anchor, person_page

DUE_WINDOW_DAYS = 14
"""The portfolio's list shows open actions due within this many days, and every overdue one."""

_STATUS_ORDER = {"open": 0, "done": 1, "dropped": 2}


def _row(site: Site, dossier: Dossier, doc: Document[Action], links: Links) -> dict[str, Any]:
    """One action as the templates show it, what it serves linked on its account's page."""

    a = doc.data
    page = "" if links.current == account_page(dossier.slug) else links.to(account_page(dossier.slug))
    names = {c.data.id: c.data.name for c in dossier.contacts}
    opportunities = {o.data.id: o.data.name for o in dossier.opportunities}
    plans = {p.id: p.goal for p in dossier.account.data.plans}
    serves = []
    if a.contact in names:
        serves.append({"name": names[a.contact], "href": f"{page}#{contact_anchor(a.contact)}"})
    if a.opportunity in opportunities:
        serves.append({"name": opportunities[a.opportunity], "href": f"{page}#opp-{a.opportunity}"})
    if a.plan in plans:
        serves.append({"name": plans[a.plan], "href": f"{page}#plan-{a.plan}"})
    return {
        "id": a.id, "title": a.title, "due": a.due, "status": site.t.enum("status", a.status), "status_value": a.status,
        "overdue": a.status == "open" and a.due < site.today,
        "owner": {"name": site.person_name(a.owner), "href": links.to(person_page(a.owner))},
        "account": {"name": dossier.account.data.name, "href": links.to(account_page(dossier.slug))},
        "serves": serves,
    }


def account_actions(site: Site, dossier: Dossier, links: Links,
                    edit: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """Every action of an account: open ones first, by due date."""
    docs = sorted(dossier.actions, key=lambda d: (_STATUS_ORDER[d.data.status], d.data.due, d.data.id))
    return [{**_row(site, dossier, doc, links),
             "edit": edit(os.path.join(dossier.folder, "actions", os.path.basename(doc.path)))} for doc in docs]


def _open(dossiers: Iterable[Dossier], keep: Callable[[Action], bool]) -> list[tuple[Dossier, Document[Action]]]:
    found = [(d, doc) for d in dossiers for doc in d.actions if doc.data.status == "open" and keep(doc.data)]
    return sorted(found, key=lambda pair: (pair[1].data.due, pair[0].slug, pair[1].data.id))


def person_actions(site: Site, person_id: str, dossiers: Iterable[Dossier], links: Links) -> list[dict[str, Any]]:
    """The open actions ``person_id`` owns in ``dossiers``, soonest first."""
    return [_row(site, d, doc, links) for d, doc in _open(dossiers, lambda a: a.owner == person_id)]


def due_actions(site: Site, links: Links) -> list[dict[str, Any]]:
    """Open actions across the portfolio that are overdue or due within :data:`DUE_WINDOW_DAYS`."""
    horizon = site.today + dt.timedelta(days=DUE_WINDOW_DAYS)
    return [_row(site, d, doc, links) for d, doc in _open(site.portfolio.dossiers, lambda a: a.due <= horizon)]
