"""What moved, computed once per build from :mod:`.versions`: the data of every history view.

* each account's scorecard total and dimensions at the end of each of the last
  :data:`QUARTERS` quarters (the last point is the build's own "as of" date);
* each contact's support and intimacy moves, with the commit that moved them and the
  activity the same commit recorded with that contact;
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
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..edit.change import Change
from ..edit.diff import describe
from ..model import Activity, Contact
from ..model.contact import DECIDING_ROLES
from ..model.portfolio import Dossier, Portfolio
from ..redact import level_of
from ..score import score_account, scoring_config
from ..score.types import PortfolioScores
from .quarter import quarter_start
from .records import (
    AccountMovement,
    Event,
    Move,
    Movement,
    PlanTrack,
    Point,
    month_ends,
    quarter_ends,
)
from .redacted import Redactor
from .results import ResultCache, account_key
from .versions import BlobCache, History, Key, Lineage, Parsed, Version, dossier_of, keys_of, present_files

WINDOWS = (7, 30, 90)
"""Days of the portfolio's "what changed" lists."""


class _Account:
    """One account's versions, parsed and redacted on demand within one build."""

    def __init__(self, slug: str, lineage: Lineage, history: History, redactor: Redactor) -> None:
        self.slug, self.lineage, self.history, self.redactor = slug, lineage, history, redactor
        self.limit = redactor.level
        self.parsed: dict[Key, Parsed] = {}
        """The parses of every key the views need, set once they are read (:func:`_accounts`)."""
        self._dossiers: dict[int, Dossier | None] = {}
        self._keys: dict[int, list[Key]] = {}

    def keys(self, version: Version) -> list[Key]:
        """The parse keys of a version's files (made once per version: every view asks)."""
        found = self._keys.get(version.index)
        if found is None:
            found = self._keys[version.index] = keys_of(self.history.relative, self.slug, version)
        return found

    def dossier(self, version: Version | None) -> Dossier | None:
        """The version's dossier as this build's profile may show it."""
        if version is None:
            return None
        if version.index not in self._dossiers:
            keys = self.keys(version)
            full = dossier_of(self.slug, keys, self.parsed)
            self._dossiers[version.index] = self.redactor.dossier(full, keys, self.parsed) if full else None
        return self._dossiers[version.index]

    def data(self, key: Key) -> Any:
        doc = self.parsed[key][0]
        return doc.data if doc is not None else None


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
            settings: Settings, level: str, cache: str | None = None) -> Movement:
    """The history of every account ``shown`` holds, as of ``settings.today``.

    Each account's result is kept in ``cache`` by what it depends on (:mod:`.results`): only
    accounts whose history, dossier or settings changed are computed, on every core when many.
    """
    today = settings.today
    ends = quarter_ends(today)
    if history is None:
        accounts = {d.slug: AccountMovement(d.slug, [_now(d.slug, today, scores)]) for d in shown.dossiers}
        return Movement(today, ends, accounts, [], False)
    job = _Job(history, {d.slug: d for d in full.dossiers}, {d.slug: d for d in shown.dossiers}, scores, settings,
               level, ends, month_ends(quarter_start(ends[0]), today),
               {**shown.people})
    results = ResultCache(cache)
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
                    history.commits[0].day if history.commits else None, f"{history.relative}|{history.shallow}")


def _run(job: _Job, slugs: list[str], cache: str | None) -> dict[str, Result]:
    """Each account's result: here when few, else by forked workers sharing them (their parses are not kept)."""
    global _job
    workers = min(os.cpu_count() or 1, 4)
    if len(slugs) < PARALLEL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return dict(_accounts(job, slugs, cache))
    _job = job
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
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
    redactor = Redactor(job.level)
    accounts = {slug: _Account(slug, history.lineages[slug], history, redactor) for slug in slugs}
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
            wanted.update(_moved_keys(acc, prev, cur))
        plans[slug] = pairs
    parsed = store.parse(wanted, job.present(slugs)) if wanted else {}
    store.save()
    for acc in accounts.values():
        acc.parsed = parsed
    return [(slug, _account(job, acc, plans[slug])) for slug, acc in accounts.items()]


def _account(job: _Job, acc: _Account, pairs: list[tuple[Version | None, Version]]) -> Result:
    """One account's history and its events."""
    history, slug, lineage, ends = job.history, acc.slug, acc.lineage, job.ends
    dossier = job.shown[slug]
    hidden = _hidden(job.full.get(slug), dossier, acc, pairs, job.level)
    at_ends = [acc.dossier(lineage.at(e)) for e in ends[:-1]]
    config = scoring_config(job.settings)
    track = [_point(d, e, config) for d, e in zip(at_ends, ends[:-1], strict=True)]
    track.append(_now(slug, job.settings.today, job.scores))
    movement = AccountMovement(slug, track, _moves(acc, pairs, hidden), _plans([*at_ends, dossier]),
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


def _moved_keys(acc: _Account, prev: Version | None, cur: Version) -> Iterator[Key]:
    """The contact files a commit changed (both sides) and the activity files it added."""
    before = prev.files if prev else {}
    for key in acc.keys(cur):
        sub = key[2].split("/", 2)[-1]
        if before.get(sub) == key[0]:
            continue
        if key[1] == "contact":
            yield key
            if sub in before:
                yield (before[sub], "contact", key[2])
        elif key[1] == "activity":
            yield key


def _visible(obj: Any, level: str) -> bool:
    return level_of(getattr(obj, "sensitivity", "internal")) <= level_of(level)


def _subject(subject: str, hidden: set[str]) -> str:
    """A commit's subject as the page may show it: empty when it names a hidden contact (id or name, either order).

    Commit messages are free text that no redaction labels, so one that names someone the build
    hides is left out whole; the move is still shown with its date and commit id.
    """
    words = " ".join(subject.casefold().split())
    for secret in hidden:
        name = " ".join(secret.casefold().split())
        if name and (name in words or " ".join(reversed(name.split())) in words):
            return ""
    return subject


def _hidden(full: Dossier | None, shown: Dossier, acc: _Account, pairs: list[tuple[Version | None, Version]],
            level: str) -> set[str]:
    """Ids and names of contacts this build may not show, now or in any version read."""
    hidden: set[str] = set()
    kept = {c.data.id for c in shown.contacts}
    for doc in full.contacts if full else []:
        if doc.data.id not in kept:
            hidden |= {doc.data.id, doc.data.name}
    versions = {v.index: v for pair in pairs for v in pair if v is not None}
    contacts = {key for v in versions.values() for key in acc.keys(v) if key[1] == "contact" and key in acc.parsed}
    for key in contacts:
        data = acc.data(key)
        if isinstance(data, Contact) and not _visible(data, level):
            hidden |= {data.id, data.name}
    return hidden


def _shows(change: Change, hidden: set[str]) -> bool:
    return change.subject not in hidden and not any(word and word in change.text for word in hidden)


def _moves(acc: _Account, pairs: list[tuple[Version | None, Version]], hidden: set[str]) -> list[Move]:
    """Support and intimacy moves (and contacts added) commit by commit, newest first."""
    moves: list[Move] = []
    for prev, cur in pairs:
        commit = acc.history.commits[cur.index]
        before = prev.files if prev else {}
        added = [a for k in acc.keys(cur) if k[1] == "activity" and before.get(k[2].split("/", 2)[-1]) != k[0]
                 and isinstance(a := acc.data(k), Activity) and _visible(a, acc.limit)]
        for key in acc.keys(cur):
            sub = key[2].split("/", 2)[-1]
            if key[1] != "contact" or before.get(sub) == key[0]:
                continue
            new = acc.data(key)
            old = acc.data((before[sub], "contact", key[2])) if sub in before else None
            if not isinstance(new, Contact) or new.id in hidden or not _visible(new, acc.limit):
                continue
            cited = next((a for a in added if new.id in a.contacts), None)
            base = (commit.day, commit.sha[:7], _subject(commit.subject, hidden), new.id, new.name, new.title)
            if not isinstance(old, Contact):
                if prev is None or not prev.files:  # the account's own first version: every contact is new
                    continue
                moves.append(Move(*base, "added", None, new.support, tuple(new.owners), cited))
                continue
            for name in ("support", "intimacy"):
                x, y = getattr(old, name), getattr(new, name)
                if x != y:
                    moves.append(Move(*base, name, x, y, tuple(new.owners), cited))
    moves.reverse()
    return moves


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


def _months(acc: _Account, months: list[dt.date], people: dict[str, Any], hidden: set[str]
            ) -> list[tuple[str, tuple[str, ...]]]:
    """``accountplan diff``'s lines per month, from the version at each month's end to the next."""
    found = []
    previous = acc.lineage.at(dt.date(months[0].year, months[0].month, 1) - dt.timedelta(days=1))
    for end in months:
        version = acc.lineage.at(end)
        if version is not None and (previous is None or version.index != previous.index):
            new = acc.dossier(version)
            if new is not None:
                lines = tuple(c.text for c in describe(acc.dossier(previous), new, people) if _shows(c, hidden))
                if lines:
                    found.append((f"{end.year:04d}-{end.month:02d}", lines))
        previous = version
    found.reverse()
    return found


_EVENTS = {"tier": "tier", "contact-added": "contact-added", "contact-left": "contact-departed",
           "contact-deleted": "contact-departed"}


def _events(acc: _Account, current: Dossier, pairs: list[tuple[Version | None, Version]], since: dt.date,
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
        for change in describe(old, new, people):
            kind = _event_kind(change, new)
            if kind and _shows(change, hidden):
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
