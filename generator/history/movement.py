"""What moved, computed once per build from :mod:`.versions`: the data of every history view.

* each account's scorecard total and dimensions at the end of each of the last
  :data:`QUARTERS` quarters (the last point is the build's own "as of" date);
* each contact's support and intimacy moves, with the commit that moved them and the
  activity the same commit recorded with that contact (:mod:`.people`, which also names the
  contacts history must hide);
* plans' progress at each quarter end, and a change log by month in ``accountplan diff``'s words;
* the portfolio's recent events: tier changes, decision makers' support moves, key contacts
  gained and departed, plans completed or overdue.

Everything is computed from redacted versions for the build's profile, and a contact hidden
from it now or in any version is left out of every line, so history leaks nothing the
present hides. Versions are only parsed where a view needs them.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..edit.change import Change
from ..model.contact import DECIDING_ROLES
from ..model.portfolio import Dossier, Portfolio
from ..score import score_account, scoring_config
from ..score.types import PortfolioScores
from ..termination import ignored_in_workers
from .people import contact_moves, hidden_contacts, moved_keys, shows
from .quarter import quarter_start
from .records import (
    AccountMovement,
    Event,
    Movement,
    PlanTrack,
    Point,
    month_ends,
    quarter_ends,
)
from .redacted import AccountVersions, Redactor, shared
from .results import ResultCache, account_key
from .versions import BlobCache, History, Key, Lineage, Version, present_files

WINDOWS = (7, 30, 90)
"""Days of the portfolio's "what changed" lists."""


@dataclass
class _Job:
    """What computing one account's history reads; forked workers inherit it."""

    history: History
    full: dict[str, Dossier]
    shown: dict[str, Dossier]
    scores: PortfolioScores | None
    settings: Settings
    level: str
    ends: list[dt.date]
    months: list[dt.date]
    people: dict[str, Any]
    troubled: frozenset[str]
    """The paths of the working tree's files whose loading gave a diagnostic."""

    def present(self, slugs: list[str]) -> dict[str, Any]:
        """The working tree's loaded files of these accounts, by the path their parse keys give them."""
        return present_files(self.history.relative, [self.full[slug] for slug in slugs if slug in self.full])

    @property
    def start(self) -> dt.date:
        return quarter_start(self.ends[0])

    @property
    def recent(self) -> dt.date:
        return self.settings.today - dt.timedelta(days=max(WINDOWS))


Result = tuple[AccountMovement, list[Event]]
PARALLEL_THRESHOLD = 40
"""From this many accounts to compute, forked workers share them (one per core)."""
_job: _Job | None = None
"""The job forked workers inherit."""


def compute(history: History | None, full: Portfolio, shown: Portfolio, scores: PortfolioScores | None,
            settings: Settings, level: str, cache: str | None = None, unread: str = "") -> Movement:
    """The history of every account ``shown`` holds, as of ``settings.today``.

    Each account's result is kept in ``cache`` by what it depends on (:mod:`.results`): only
    accounts whose history, dossier or settings changed are computed, on every core when many. ``unread``: why
    there is no ``history``, for the build log.
    """
    today = settings.today
    ends = quarter_ends(today)
    if history is None:
        accounts = {d.slug: AccountMovement(d.slug, [_now(d.slug, today, scores)]) for d in shown.dossiers}
        return Movement(today, ends, accounts, [], False, unread=unread)
    job = _Job(history, {d.slug: d for d in full.dossiers}, {d.slug: d for d in shown.dossiers}, scores, settings,
               level, ends, month_ends(quarter_start(ends[0]), today),
               {**shown.people}, frozenset(d.path for d in full.diagnostics))
    results = ResultCache(cache)
    _ = history.first_seen  # once, before any worker forks
    common = f"{settings!r}|{level}"
    keys = {d.slug: account_key(history, history.lineages[d.slug], d, job.full.get(d.slug), shown, common)
            for d in shown.dossiers if d.slug in history.lineages}
    computed = _run(job, [slug for slug, key in keys.items() if results.get(key) is None], cache)
    found: dict[str, AccountMovement] = {}
    events: list[Event] = []
    for dossier in shown.dossiers:
        if dossier.slug not in keys:
            found[dossier.slug] = AccountMovement(dossier.slug, [_now(dossier.slug, today, scores)])
            continue
        result = computed.get(dossier.slug)
        if result is not None:
            results.put(keys[dossier.slug], result)
        else:
            result = results.get(keys[dossier.slug])
        found[dossier.slug] = result[0]
        events += result[1]
    results.save(set(keys.values()))
    events.sort(key=lambda e: (-e.day.toordinal(), e.slug, e.kind, e.text))
    return Movement(today, ends, found, events, True, history.shallow, len(history.commits),
                    history.commits[0].day if history.commits else None, f"{history.relative}|{history.shallow}", keys)


def _run(job: _Job, slugs: list[str], cache: str | None) -> dict[str, Result]:
    """Each account's result: here when few, else by forked workers sharing them (their parses are not kept)."""
    global _job
    workers = min(os.cpu_count() or 1, 4)
    if len(slugs) < PARALLEL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return dict(_accounts(job, slugs, cache))
    _job = job
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=ignored_in_workers) as pool:
            parts = list(pool.map(_forked, [slugs[i::workers] for i in range(workers)]))
    finally:
        _job = None
    return {slug: result for part in parts for slug, result in part}


def _forked(slugs: list[str]) -> list[tuple[str, Result]]:
    assert _job is not None
    return _accounts(_job, slugs, None)


def _accounts(job: _Job, slugs: list[str], cache: str | None) -> list[tuple[str, Result]]:
    """Parse what the accounts' views need in one go, then compute each account's history."""
    history = job.history
    store = BlobCache(history.top, cache)
    plans: dict[str, list[tuple[Version | None, Version]]] = {}
    wanted: set[Key] = set()
    clear = {k: v for slug in slugs for k, v in shared(job.full.get(slug), job.shown[slug]).items()}
    redactor = Redactor(job.level, clear)
    accounts = {slug: AccountVersions(slug, history.lineages[slug], history, redactor) for slug in slugs}
    for slug, acc in accounts.items():
        lineage = acc.lineage
        needed = {v.index: v for day in [*job.ends[:-1], *job.months, job.start - dt.timedelta(days=1)]
                  if (v := lineage.at(day)) is not None}
        pairs = _pairs(lineage, job.start, job.settings.today)
        for prev, cur in pairs:
            if history.day(cur) > job.recent:
                needed[cur.index] = cur
                if prev is not None and prev.files:
                    needed[prev.index] = prev
        for v in needed.values():
            wanted.update(acc.keys(v))
        for prev, cur in pairs:
            wanted.update(moved_keys(acc, prev, cur))
        plans[slug] = pairs
    parsed = store.parse(wanted, job.present(slugs), history.first_seen, job.troubled) if wanted else {}
    store.save()
    for acc in accounts.values():
        acc.parsed = parsed
    return [(slug, _account(job, acc, plans[slug])) for slug, acc in accounts.items()]


def _account(job: _Job, acc: AccountVersions, pairs: list[tuple[Version | None, Version]]) -> Result:
    """One account's history and its events."""
    history, slug, lineage, ends = job.history, acc.slug, acc.lineage, job.ends
    dossier = job.shown[slug]
    hidden = hidden_contacts(job.full.get(slug), dossier, acc, pairs, job.level)
    at_ends = [acc.dossier(lineage.at(e)) for e in ends[:-1]]
    config = scoring_config(job.settings)
    track = [_point(d, e, config) for d, e in zip(at_ends, ends[:-1], strict=True)]
    track.append(_now(slug, job.settings.today, job.scores))
    movement = AccountMovement(slug, track, contact_moves(acc, pairs, hidden), _plans([*at_ends, dossier]),
                               _months(acc, job.months, job.people, hidden), history.day(lineage.versions[0]),
                               len(lineage.versions))
    return movement, _events(acc, dossier, pairs, job.recent, job.settings.today, job.people, hidden)


def _now(slug: str, today: dt.date, scores: PortfolioScores | None) -> Point:
    score = scores.accounts.get(slug) if scores else None
    if score is None:
        return Point(today)
    return Point(today, _num(score.total.value), _num(score.kpi_score.value), _num(score.actions_score.value))


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _point(dossier: Dossier | None, day: dt.date, config: Any) -> Point:
    if dossier is None:
        return Point(day)
    score = score_account(dossier.slug, dossier.account.data, [c.data for c in dossier.contacts],
                          [a.data for a in dossier.activities], day, config,
                          [o.data for o in dossier.opportunities])
    return Point(day, _num(score.total.value), _num(score.kpi_score.value), _num(score.actions_score.value))


def _pairs(lineage: Lineage, start: dt.date, today: dt.date) -> list[tuple[Version | None, Version]]:
    """Each version committed from ``start`` to ``today`` with the version before it."""
    found = []
    for i, (version, day) in enumerate(zip(lineage.versions, lineage.days, strict=True)):
        if start <= day <= today and version.files:
            found.append((lineage.versions[i - 1] if i else None, version))
    return found


def _plans(dossiers: list[Dossier | None]) -> list[PlanTrack]:
    """Each plan of any point, with its progress and status at each point."""
    goals: dict[str, str] = {}
    for d in dossiers:
        for plan in d.account.data.plans if d else []:
            goals[plan.id] = plan.goal
    tracks = []
    for pid, goal in goals.items():
        points = []
        for d in dossiers:
            same = next((p for p in d.account.data.plans if p.id == pid), None) if d else None
            points.append((same.progress, same.status) if same else None)
        tracks.append(PlanTrack(pid, goal, tuple(points)))
    return tracks


def _months(acc: AccountVersions, months: list[dt.date], people: dict[str, Any], hidden: set[str]
            ) -> list[tuple[str, tuple[str, ...]]]:
    """``accountplan diff``'s lines per month, from the version at each month's end to the next."""
    found = []
    previous = acc.lineage.at(dt.date(months[0].year, months[0].month, 1) - dt.timedelta(days=1))
    for end in months:
        version = acc.lineage.at(end)
        if (version is not None and (previous is None or version.index != previous.index)
                and acc.dossier(version) is not None):
            lines = tuple(c.text for c in acc.changes(previous, version, people) if shows(c, hidden))
            if lines:
                found.append((f"{end.year:04d}-{end.month:02d}", lines))
        previous = version
    found.reverse()
    return found


_EVENTS = {"tier": "tier", "contact-added": "contact-added", "contact-left": "contact-departed",
           "contact-deleted": "contact-departed"}


def _events(acc: AccountVersions, current: Dossier, pairs: list[tuple[Version | None, Version]], since: dt.date,
            today: dt.date, people: dict[str, Any], hidden: set[str]) -> list[Event]:
    """The portfolio's events of one account from ``since`` to ``today``."""
    name = current.account.data.name
    found = []
    for prev, cur in pairs:
        day = acc.history.day(cur)
        if day <= since:
            continue
        old, new = acc.dossier(prev), acc.dossier(cur)
        if new is None or old is None:
            continue
        for change in acc.changes(prev, cur, people):
            kind = _event_kind(change, new)
            if kind and shows(change, hidden):
                found.append(Event(day, current.slug, name, kind, change.text))
    for plan in current.account.data.plans:
        if since < plan.due < today and plan.status not in ("done", "dropped"):
            found.append(Event(plan.due, current.slug, name, "plan-overdue",
                               f"Plan {plan.id} ({plan.layer}): {plan.goal} - due {plan.due.isoformat()}, "
                               f"{plan.progress}%"))
    return found


def _event_kind(change: Change, dossier: Dossier) -> str | None:
    """The event a diff change is, if the portfolio lists it."""
    if change.kind == "plan-status":
        return "plan-done" if isinstance(change.after, dict) and change.after.get("status") == "done" else None
    contact = dossier.contact(change.subject) if change.section == "contacts" else None
    key = contact is not None and contact.key
    if change.kind == "support":
        return "support" if contact is not None and contact.role in DECIDING_ROLES else None
    if change.kind == "contact-deleted":
        return "contact-departed"
    if change.kind in ("contact-added", "contact-left"):
        return _EVENTS[change.kind] if key else None
    return _EVENTS.get(change.kind) if change.kind == "tier" else None
