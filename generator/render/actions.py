"""Action items on the pages: an account's actions, a person's open actions, and the portfolio's due list.

The portfolio lists every open action due within :data:`DUE_WINDOW_DAYS` or already overdue, soonest first,
so a manager sees the next two weeks of the whole team's promises on one page.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from typing import Any, cast

from markupsafe import Markup

from ..model import Action
from ..model.document import Document
from ..model.portfolio import Dossier
from .context import Site
from .paths import Links, account_page, contact_anchor, person_page
from .templating import environment

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


DUE = "due"
"""The part name of one account's lines of the portfolio's due list (:class:`.context.Parts`):
``due_lines(site, dossier, links, horizon)``."""


def due_actions(site: Site, links: Links) -> list[dict[str, Any]]:
    """Open actions across the portfolio that are overdue or due within :data:`DUE_WINDOW_DAYS`, soonest first, each
    with its line drawn (``html``): the lines are made per account, then put in order here."""
    horizon = site.today + dt.timedelta(days=DUE_WINDOW_DAYS)
    lines = [line for d in site.portfolio.dossiers for line in site.parts(DUE, due_lines, site, d, links, horizon)]
    return sorted(lines, key=lambda line: (line["due"], line["slug"], line["id"]))


def due_lines(site: Site, dossier: Dossier, links: Links, horizon: dt.date) -> list[dict[str, Any]]:
    """One account's open actions due by ``horizon`` (or overdue), each with its line of the due list (``html``)."""
    draw = _draw(site)
    lines = [_row(site, dossier, doc, links) for _, doc in _open([dossier], lambda a: a.due <= horizon)]
    for line in lines:
        line["html"], line["slug"] = Markup(draw(line)), dossier.slug
    return lines


def _draw(site: Site) -> Callable[[dict[str, Any]], str]:
    """The macro drawing one line of an action list (``action_row.html``) in the site's language, made once a build."""
    draw = site.cache.get("action-row")
    if draw is None:
        module = environment().get_template("action_row.html").make_module({"t": site.t})
        draw = site.cache["action-row"] = vars(module)["row"]
    return cast(Callable[[dict[str, Any]], str], draw)
