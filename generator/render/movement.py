"""Views of movement over time: an account's history, the portfolio's trends, a person's history, the home page.

Each view reads the build's :class:`generator.history.records.Movement` (kept in
``site.cache["movement"]``) and the present from :class:`.context.Site`; templates lay it out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, cast

from markupsafe import Markup

from .. import translate
from ..history.records import AccountMovement, Event, Move, Movement, Point
from ..model.portfolio import Dossier
from . import team
from .context import Site
from .paths import Links, account_page, contact_anchor
from .scorecard import show_value
from .svg import trend

KEY = "movement"
"""Where the build's movement is kept in ``site.cache``."""
HOME = "index.md"
"""Source path of the generated home page (the dashboard)."""
STALE_WARNING_DAYS = 30
"""A source this many days from the age limit counts as "going stale"."""
MONTHS = 12
"""Months of a person's visit history."""


def movement_of(site: Site) -> Movement | None:
    """The build's movement, if history was computed."""
    return cast("Movement | None", site.cache.get(KEY))


def _caption(day: dt.date, today: dt.date) -> str:
    return day.isoformat() if day == today else f"{day.year} Q{(day.month - 1) // 3 + 1}"


def _score(value: float | None, site: Site) -> str:
    return show_value(value, site.t) if value is not None else "—"


def _arrow(before: int | None, after: int | None) -> str:
    if before is None or after is None:
        return ""
    return "▲" if after > before else "▼" if after < before else ""


def note(site: Site, mv: Movement) -> dict[str, Any]:
    """What the history is made of, said on every history view."""
    t = site.t
    if not mv.available:
        return {"text": t("history_none"), "shallow": False}
    first = mv.first.isoformat() if mv.first else "—"
    return {"text": t("history_dates", commits=mv.commits, first=first), "shallow": mv.shallow,
            "shallow_text": t("history_shallow")}


def account_note(site: Site, mv: Movement, am: AccountMovement | None) -> dict[str, Any]:
    """What one account's history is made of: its own commits, so that a commit elsewhere leaves its page as it was."""
    found = note(site, mv)
    if mv.available:
        found["text"] = (site.t("history_account_dates", commits=am.commits, first=am.since.isoformat())
                         if am is not None and am.since is not None else site.t("history_account_none"))
    return found


def move_text(site: Site, move: Move) -> str:
    """``support 3 · neutral → 4 · supporter ▲`` in the page's language."""
    t = site.t
    if move.key == "added":
        return t("move_added", after=t.scale("support", move.after))
    return (f"{t(move.key)}: {t.scale(move.key, move.before)} → {t.scale(move.key, move.after)} "
            f"{_arrow(move.before, move.after)}").rstrip()


def account_history(site: Site, dossier: Dossier, links: Links) -> dict[str, Any] | None:
    """The history section of an account page (``None`` when history was not computed)."""
    mv = movement_of(site)
    if mv is None:
        return None
    t = site.t
    am = mv.accounts.get(dossier.slug)
    points = am.points if am else [Point(mv.as_of)]
    if len(points) < len(mv.ends):  # no history of this account: the present only
        points = [Point(day) for day in mv.ends[:-1]] + points[-1:]
    captions = [_caption(p.day, mv.as_of) for p in points]
    series = [(t("total"), [p.total for p in points]), (t("kpi_dimension"), [p.kpi for p in points]),
              (t("actions_dimension"), [p.actions for p in points])]
    chart = Markup(trend.score_lines(captions, series, t("score_history"), t("score_history_desc")))
    rows = [{"when": c, "total": _score(p.total, site), "kpi": _score(p.kpi, site), "actions": _score(p.actions, site)}
            for c, p in zip(captions, points, strict=True)]
    moves = [{
        "day": m.day.isoformat(), "name": m.name, "title": m.title, "href": f"#{contact_anchor(m.contact)}",
        "change": move_text(site, m), "commit": m.commit, "subject": m.subject,
        "reason": (f"{m.activity.date.isoformat()} {t.enum('activity', m.activity.kind)}: {m.activity.summary}"
                   if m.activity else ""),
    } for m in (am.moves if am else [])]
    plans = [{"id": p.id, "goal": p.goal,
              "points": [f"{x[0]}% · {t.enum('status', x[1])}" if x else "—" for x in p.points]}
             for p in (am.plans if am else [])]
    return {"chart": chart, "captions": captions, "rows": rows, "moves": moves, "plans": plans,
            "months": [{"month": m, "lines": [translate.text(line, t.lang) for line in lines]}
                       for m, lines in (am.months if am else [])],
            "note": account_note(site, mv, am)}


def _delta(points: list[Point]) -> tuple[str, float]:
    """Change of the total since the end of last quarter, as text and as a sort key."""
    if len(points) < 2 or points[-1].total is None or points[-2].total is None:
        return "", 0.0
    change = round(points[-1].total - points[-2].total, 1)
    text = f"{change:+.1f}".rstrip("0").rstrip(".") if change else "±0"
    return text, change


def _event(site: Site, event: Event, links: Links) -> dict[str, Any]:
    return {"day": event.day.isoformat(), "name": event.name, "href": links.to(account_page(event.slug), "history"),
            "kind": site.t(f"event_{event.kind}"), "kind_value": event.kind,
            "text": translate.text(event.text, site.t.lang)}


def portfolio_movement(site: Site, links: Links) -> dict[str, Any] | None:
    """The portfolio page's trend column (by slug: sparkline, change since last quarter) and "what changed" lists."""
    mv = movement_of(site)
    if mv is None:
        return None
    trends = {}
    for dossier in site.portfolio.dossiers:
        am = mv.accounts.get(dossier.slug)
        points = am.points if am else []
        text, change = _delta(points)
        scores = site.t("comma").join(_score(p.total, site) for p in points)
        title = dossier.account.data.name + site.t("colon") + scores
        trends[dossier.slug] = {"spark": Markup(trend.sparkline([p.total for p in points], title)),
                                "delta": text, "sort": change}
    windows = [{"days": days, "title": site.t("last_days", days=days),
                "events": [_event(site, e, links) for e in mv.events if (mv.as_of - e.day).days < days]}
               for days in (7, 30, 90)]
    return {"trends": trends, "windows": windows, "note": note(site, mv)}


def person_history(site: Site, person_id: str, links: Links) -> dict[str, Any]:
    """Visits a week per month over the last year, and the relationships the person gained or strengthened."""
    dates = team.activity_dates(site, person_id)
    today = site.today
    months = []
    year, month = today.year, today.month
    for _ in range(MONTHS):
        count = sum(1 for d in dates if d.year == year and d.month == month)
        days = today.day if (year, month) == (today.year, today.month) else calendar.monthrange(year, month)[1]
        months.append({"month": f"{year:04d}-{month:02d}", "count": count, "per_week": round(count * 7 / days, 1)})
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    gained = [{"day": m.day.isoformat(), "name": m.name, "title": m.title,
               "href": links.to(account_page(slug), contact_anchor(m.contact)), "change": move_text(site, m)}
              for slug, m in gains(site).get(person_id, [])]
    gained.sort(key=lambda g: g["day"], reverse=True)
    return {"months": months, "gained": gained}


def gains(site: Site) -> dict[str, list[tuple[str, Move]]]:
    """Each owner's relationships gained or strengthened, indexed once per build (not once per person)."""
    kept = site.cache.get("movement-gains")
    if kept is None:
        index: dict[str, list[tuple[str, Move]]] = {}
        mv = movement_of(site)
        for slug, am in sorted(mv.accounts.items()) if mv else []:
            for m in am.moves:
                if m.key == "added" or (m.after or 0) > (m.before or 0):
                    for owner in m.owners:
                        index.setdefault(owner, []).append((slug, m))
        site.cache["movement-gains"] = kept = index
    return cast("dict[str, list[tuple[str, Move]]]", kept)


def home_view(site: Site, links: Links) -> dict[str, Any]:
    """The dashboard: attention, this week's changes, overdue items, cadence and stale facts, each linked."""
    t = site.t
    today = site.today
    names = {d.slug: d.account.data.name for d in site.portfolio.dossiers}
    attention = []
    for slug, found in site.findings.items():
        errors = sum(1 for d in found if d.severity.label == "error")
        warnings = len(found) - errors
        attention.append(((-errors, -warnings, names.get(slug, slug)), {
            "name": names.get(slug, slug), "href": links.to(account_page(slug)),
            "text": t("findings_n", errors=errors, warnings=warnings)}))
    attention.sort(key=lambda a: a[0])
    overdue, stale = [], []
    limits = site.settings.limits
    for d in sorted(site.portfolio.dossiers, key=lambda d: d.account.data.name):
        account = d.account.data
        for plan in account.plans:
            if plan.due < today and plan.status not in ("done", "dropped"):
                overdue.append({"day": plan.due.isoformat(), "name": account.name, "what": plan.goal,
                                "href": links.to(account_page(d.slug), "plans"),
                                "text": t("due_on", day=plan.due.isoformat(), progress=plan.progress)})
        for issue in account.issues:
            if issue.status == "open" and (today - issue.opened).days > limits.issue_close_days:
                overdue.append({"day": issue.opened.isoformat(), "name": account.name, "what": issue.title,
                                "href": links.to(account_page(d.slug), "issues"),
                                "text": t("open_since", day=issue.opened.isoformat())})
        ages = [(today - s.collected).days for s in account.sources]
        if not ages or min(ages) > limits.source_max_age_days - STALE_WARNING_DAYS:
            stale.append({"name": account.name, "href": links.to(account_page(d.slug), "sources"),
                          "text": t("newest_days", days=min(ages)) if ages else t("no_sources")})
    overdue.sort(key=lambda o: (o["day"], o["name"]))
    cadence = team.team_view(site, links)
    below = [{"name": r["name"], "href": r["href"],
              "text": t("per_week_of", value=r["per_week"], expected=cadence["expectation"])}
             for r in cadence["rows"] if r["below"]]
    mv = movement_of(site)
    week = [_event(site, e, links) for e in mv.events if (mv.as_of - e.day).days < 7] if mv else []
    return {"day": today.isoformat(), "attention": [a[1] for a in attention[:20]],
            "week": week, "overdue": overdue, "below": below, "stale": stale,
            "note": note(site, mv) if mv else None}
