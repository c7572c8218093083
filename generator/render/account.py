"""The view model of one account page: Python computes every figure, the template lays out."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any

from ..model.account import EXTERNAL_CHANNELS, INTERNAL_CHANNELS, PUBLIC_SHARE_EXPECTED, Account, Issue, Source
from ..model.contact import DECIDING_ROLES, Contact
from ..model.portfolio import ACCOUNT, Dossier
from ..neutralise import safe_url
from ..score.insight import public_share
from ..score.labels import label, text
from . import graphics, scorecard
from .actions import account_actions
from .context import Site, weekly_counts, weeks
from .i18n import ENUMS
from .knows_graphic import knows_map
from .markup import to_html
from .opportunities import opportunities_view
from .paths import RULES, Links, contact_anchor, person_page, source_anchor
from .starters import editor, starters
from .svg.labels import LEVELS
from .whitespace_view import whitespace_view
from .work_starters import work_starters

INITIATIVE_KINDS = ("benchmarking", "executive-visit", "cooperation-agreement", "innovation-centre")


def account_view(site: Site, dossier: Dossier, links: Links) -> dict[str, Any]:
    """Everything the account template shows, for one dossier."""
    t = site.t
    account = dossier.account.data
    contacts = [doc.data for doc in dossier.contacts]
    contacts.sort(key=lambda c: (LEVELS.index(c.level), -c.influence, c.name))
    sources = list(account.sources)
    known_sources = {s.id for s in sources}
    names = {c.id: c.name for c in contacts}
    bodies = {doc.data.id: doc.body for doc in dossier.contacts}
    files = {doc.data.id: os.path.join(dossier.folder, "contacts", os.path.basename(doc.path))
             for doc in dossier.contacts}
    score = site.account_score(dossier.slug)
    edit = editor(site)
    account_edit = edit(os.path.join(dossier.folder, ACCOUNT))

    def person(pid: str) -> dict[str, str]:
        return {"name": site.person_name(pid), "href": links.to(person_page(pid))}

    def cite(ids: list[str]) -> list[dict[str, str]]:
        return [{"id": s, "href": f"#{source_anchor(s)}"} for s in ids if s in known_sources]

    ages = sorted((site.today - s.collected).days for s in sources)
    return {
        "slug": dossier.slug,
        "edit": account_edit,
        **starters(site, dossier),
        "name": account.name,
        "tier": account.tier,
        "tier_label": t.enum("tier", account.tier),
        "industry": account.industry,
        "region": account.region,
        "market": t.enum("market", account.market),
        "segment": account.segment,
        "team": [{**person(m.person), "role": t.enum("team_role", m.role)} for m in account.team],
        "classification": t.enum("classification", str(score.classification.value)) if score else None,
        "last_changed": site.changed.get(dossier.slug),
        "newest_age": ages[0] if ages else None,
        "oldest_age": ages[-1] if ages else None,
        "narrative": to_html(dossier.account.body, f"{dossier.slug}/account.md"),
        "strategy": _strategy(account, t, cite),
        "channels": _channels(sources, site),
        "public": _public(account, t),
        "open_issues": [i for i in account.issues if i.status == "open"],
        "contacts": [{**_contact(c, bodies.get(c.id, ""), f"{dossier.slug}/contacts/{c.id}.md", names, person, cite,
                                 site), "edit": edit(files[c.id]) if c.id in files else None} for c in contacts],
        "map_svg": graphics.relationship_map(contacts, site.people, t.lang, contact_anchor),
        "knows_svg": knows_map(contacts, site.people, t.lang),
        "matrix_svg": graphics.intimacy_support_matrix(contacts, t.lang, "#" + contact_anchor("")),
        "layers": _layers(site, dossier, account, contacts, person),
        "plans": _plans(account, names, person, t, account_edit),
        "activities": _activities(site, dossier, names, person, edit),
        "opportunities": opportunities_view(site, dossier, person, lambda c: f"#{contact_anchor(c)}", edit),
        "actions": account_actions(site, dossier, links, edit),
        "whitespace": whitespace_view(site, dossier),
        **work_starters(site, dossier),
        "issues": [_issue(i, names, person, t) for i in account.issues],
        "satisfaction": sorted(account.satisfaction, key=lambda s: s.date, reverse=True),
        "sources": [{**s, "edit": account_edit} for s in _sources(account, contacts, sources, site)],
        "kpi": sorted(account.kpi, key=lambda k: k.year, reverse=True),
        "currency": account.currency,
        "scorecard": scorecard.account_sections(score, t, site.deltas.get(("account", dossier.slug), {})),
        "has_deltas": bool(site.deltas),
        "findings": [{"code": d.code, "severity": t.enum("severity", d.severity.label), "message": d.message,
                      "where": f"{d.path}:{d.line}", "href": links.to(RULES, d.code.lower())}
                     for d in site.findings.get(dossier.slug, [])],
    }


def _strategy(account: Account, t: Any, cite: Any) -> dict[str, Any] | None:
    s = account.strategy
    if s is None:
        return None
    return {
        "horizon": s.horizon, "summary": s.summary, "sources": cite(s.sources),
        "fit": t.scale("fit", s.fit), "fit_value": s.fit, "trend": t.enum("trend", s.trend), "trend_value": s.trend,
        "position": t.enum("position", s.position), "edge_detail": s.edge_detail,
        "investment_areas": s.investment_areas, "business_scope": s.business_scope, "organization": s.organization,
        "facts": [{"text": f.text, "sources": cite(f.sources)} for f in s.facts],
    }


def _public(account: Account, t: Any) -> dict[str, Any]:
    """The share of cited facts backed by a public channel, against the article's 80%."""
    share = public_share(account)
    return {"label": label(share.key, t.lang), "value": share.value, "worked": share.worked,
            "expected": PUBLIC_SHARE_EXPECTED, "note": text(share.notes[0], t.lang) if share.notes else ""}


def _channels(sources: list[Source], site: Site) -> dict[str, Any]:
    """Which of the method's channels back the dossier, how fresh each is, and which are missing."""
    t = site.t
    by_channel: dict[str, list[Source]] = {}
    for source in sources:
        by_channel.setdefault(source.channel, []).append(source)
    groups = []
    missing = []
    for group, channels in (("external", EXTERNAL_CHANNELS), ("internal", INTERNAL_CHANNELS)):
        rows = []
        for channel in channels:
            cited = by_channel.get(channel, [])
            newest = max((s.dated for s in cited), default=None)
            age = (site.today - newest).days if newest else None
            rows.append({"label": t.enum("channel", channel), "count": len(cited), "newest": newest, "age": age,
                         "stale": age is not None and age > site.settings.limits.source_max_age_days})
            if not cited:
                missing.append(t.enum("channel", channel))
        groups.append({"title": t(group), "rows": rows})
    return {"groups": groups, "missing": missing}


def _contact(c: Contact, body: str, source: str, names: dict[str, str], person: Any, cite: Any,
             site: Site) -> dict[str, Any]:
    t = site.t
    return {
        "id": c.id, "anchor": contact_anchor(c.id), "name": c.name, "title": c.title, "department": c.department,
        "level": t.enum("level", c.level), "role": t.enum("decision_role", c.role),
        "influence": t.scale("influence", c.influence), "intimacy": t.scale("intimacy", c.intimacy),
        "support": t.scale("support", c.support), "support_value": c.support or "unknown", "coach": c.coach,
        "reports_to": ({"name": names[c.reports_to], "href": f"#{contact_anchor(c.reports_to)}"}
                       if c.reports_to in names else None),
        "owners": [person(o) for o in c.owners], "goals": c.goals, "left": c.left,
        "notes": to_html(body, source), "sources": cite(c.sources),
    }


def _layers(site: Site, dossier: Dossier, account: Account, contacts: list[Contact], person: Any) -> dict[str, Any]:
    """The three layers: key (the point), general (the surface), organizational (the momentum)."""
    t = site.t
    active = [c for c in contacts if c.active]
    key = [c for c in active if c.role in DECIDING_ROLES or c.influence >= 4]
    departments = sorted({c.department for c in active})
    counts: Counter[tuple[str, str]] = Counter((c.department, str(c.level)) for c in active)
    level_names = [t.enum("level", lv) for lv in LEVELS]
    mondays = weeks(site.today, site.settings.limits.weeks_window)
    activities = [doc.data for doc in dossier.activities]
    values = weekly_counts((a.date for a in activities), mondays)
    organizational = []
    for kind in INITIATIVE_KINDS:
        items = [i for i in account.initiatives if i.kind == kind]
        organizational.append({
            "label": t.enum("initiative", kind),
            "entries": [{"title": i.title, "status": t.enum("status", i.status), "status_value": i.status,
                       "date": i.date, "until": i.until, "notes": i.notes,
                       "people": [person(p) for p in i.people]} for i in items],
        })
    return {
        "key": [{"name": c.name, "anchor": contact_anchor(c.id), "role": t.enum("decision_role", c.role),
                 "support": t.scale("support", c.support), "intimacy": t.scale("intimacy", c.intimacy),
                 "warm": c.warm} for c in key],
        "key_warm": sum(c.warm for c in key),
        "coaches": [c.name for c in active if c.coach],
        "coverage_svg": graphics.coverage_grid(departments, list(LEVELS), dict(counts), t.lang),
        "coverage": {"levels": level_names,
                     "rows": [{"department": d, "counts": [counts.get((d, lv), 0) for lv in LEVELS]}
                              for d in departments]},
        "weeks_svg": graphics.weekly_bars(mondays, values, None, t.lang),
        "weeks": list(zip(mondays, values, strict=True)),
        "weeks_total": sum(values),
        "organizational": organizational,
    }


def _plans(account: Account, names: dict[str, str], person: Any, t: Any, edit: str | None) -> list[dict[str, Any]]:
    grouped = []
    for layer in ENUMS["layer"]:
        plans = [p for p in account.plans if p.layer == layer]
        if not plans:
            continue
        grouped.append({"layer": t.enum("layer", layer), "plans": [{
            "id": p.id, "goal": p.goal, "owner": person(p.owner), "due": p.due,
            "status": t.enum("status", p.status), "status_value": p.status,
            "progress": 100 if p.status == "done" else p.progress,
            "target": ({"name": names[p.target], "href": f"#{contact_anchor(p.target)}"}
                       if p.target in names else None),
            "department": p.department, "edit": edit,
        } for p in plans]})
    return grouped


def _activities(site: Site, dossier: Dossier, names: dict[str, str], person: Any,
                edit: Callable[[str], str | None]) -> list[dict[str, Any]]:
    t = site.t
    return [{
        "date": doc.data.date, "kind": t.enum("activity", doc.data.kind), "summary": doc.data.summary,
        "contacts": [{"name": names[c], "href": f"#{contact_anchor(c)}"} for c in doc.data.contacts if c in names],
        "people": [person(p) for p in doc.data.people],
        "quality": t.scale("quality", doc.data.quality), "opinions": doc.data.opinions,
        "notes": to_html(doc.body, f"{dossier.slug}/activities/{os.path.basename(doc.path)}"),
        "edit": edit(os.path.join(dossier.folder, "activities", os.path.basename(doc.path))),
    } for doc in reversed(dossier.activities)]


def _issue(issue: Issue, names: dict[str, str], person: Any, t: Any) -> dict[str, Any]:
    return {
        "title": issue.title, "kind": t.enum("issue_kind", issue.kind), "status": t.enum("status", issue.status),
        "status_value": issue.status, "opened": issue.opened, "closed": issue.closed,
        "contact": names.get(issue.contact or ""), "owner": person(issue.owner) if issue.owner else None,
    }


def _sources(account: Account, contacts: list[Contact], sources: list[Source], site: Site) -> list[dict[str, Any]]:
    """Each source with its anchor, link, age and what cites it: facts, the strategy summary, contacts."""
    t = site.t
    cited_by: dict[str, list[str]] = {}
    if account.strategy:
        for fact in account.strategy.facts:
            for sid in fact.sources:
                cited_by.setdefault(sid, []).append(fact.text)
        for sid in account.strategy.sources:
            cited_by.setdefault(sid, []).append(t("strategy"))
    for contact in contacts:
        for sid in contact.sources:
            cited_by.setdefault(sid, []).append(t('contacts') + t('colon') + contact.name)
    limit = site.settings.limits.source_max_age_days
    return [{
        "id": s.id, "anchor": source_anchor(s.id), "title": s.title, "channel": t.enum("channel", s.channel),
        "url": safe_url(s.url), "collected": s.collected, "published": s.published,
        "age": (site.today - s.dated).days, "stale": (site.today - s.dated).days > limit, "review_by": s.review_by,
        "cited_by": cited_by.get(s.id, []),
    } for s in sorted(sources, key=lambda s: s.collected, reverse=True)]
