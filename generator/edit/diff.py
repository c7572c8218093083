"""What changed about the accounts between two loaded portfolios, in the method's words.

Not YAML lines but facts a reviewer cares about: a decision maker turned from neutral to
supporter, a new contact, a plan closed, who logged which visits, how the scores moved.
Each change is data (:class:`Change`) with a one-line English text using the scale names;
:mod:`generator.render.diff_report` turns the result into Markdown or JSON.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from ..config import Settings
from ..model import Activity, Contact, Initiative, Issue, Person, Plan, scales
from ..model.portfolio import Dossier, Portfolio
from ..model.stages import Stages, stages_of
from ..score import score_portfolio
from ..score.types import AccountScore, Figure
from ..translate import said
from .change import Change, arrow, level, person_name, who
from .diff_links import footprint_changes, knows_changes
from .diff_work import action_changes, opportunity_changes

SECTIONS = ("account", "contacts", "opportunities", "plans", "activities", "issues", "scores")
"""Order of the sections within one account's changes."""

TIER_RANK = {"C": 0, "B": 1, "A": 2, "S": 3}
_SCALE_MOVES = {"support": "{name}: support {a} → {b} {arrow}", "intimacy": "{name}: intimacy {a} → {b} {arrow}",
                "influence": "{name}: influence {a} → {b} {arrow}"}
"""The line of a contact's scale that moved."""


@dataclass
class AccountDiff:
    """Everything that changed about one account."""

    slug: str
    name: str
    status: Literal["added", "removed", "changed", "unreadable"]
    changes: list[Change] = field(default_factory=list)


@dataclass
class DiffReport:
    """The comparison of two revisions."""

    base: str
    head: str
    accounts: list[AccountDiff]

    def count(self, kind: str) -> int:
        """How many changes of ``kind`` there are (activities count each new activity)."""
        total = 0
        for account in self.accounts:
            for change in account.changes:
                if change.kind == kind:
                    total += change.after if kind == "activities" else 1
        return total


def compare(base: Portfolio, head: Portfolio, settings: Settings, *, base_name: str = "base",
            head_name: str = "head") -> DiffReport:
    """The account-level differences from ``base`` to ``head``, scores as of ``settings.today``."""
    before = {d.slug: d for d in base.dossiers}
    after = {d.slug: d for d in head.dossiers}
    people = {**base.people, **head.people}
    base_scores = score_portfolio(base, settings).accounts
    head_scores = score_portfolio(head, settings).accounts
    stages = stages_of(settings.stages)
    from .diff_work import overdue_actions  # here: that module builds this module's Change
    accounts: list[AccountDiff] = []
    for slug in sorted(before.keys() | after.keys()):
        old, new = before.get(slug), after.get(slug)
        if new is None and old is not None:
            if os.path.isdir(os.path.join(head.root, slug)):
                accounts.append(AccountDiff(slug, old.account.data.name, "unreadable", [Change(
                    "account", "unreadable", "", "account.md has errors now; run 'accountplan check'")]))
            else:
                accounts.append(AccountDiff(slug, old.account.data.name, "removed", [Change(
                    "account", "account-removed", "", said("Account removed (was tier {tier})",
                                                           tier=old.account.data.tier))]))
            continue
        assert new is not None
        changes = list(_changes(old, new, people, stages))
        changes.extend(_score_changes(base_scores.get(slug), head_scores.get(slug)))
        if changes:  # a reminder in the report of an account this change touches, never a change of its own
            changes.extend(overdue_actions(new, settings.today, people))
        if old is None:
            accounts.append(AccountDiff(slug, new.account.data.name, "added", [_added_account(new), *changes]))
        elif changes:
            accounts.append(AccountDiff(slug, new.account.data.name, "changed", changes))
    for account in accounts:
        account.changes.sort(key=lambda c: SECTIONS.index(c.section))
    return DiffReport(base_name, head_name, accounts)


def describe(old: Dossier | None, new: Dossier, people: dict[str, Person]) -> list[Change]:
    """What changed from ``old`` to ``new`` of one account, scores left out, in section order.

    The site's history writes its change log by month with these very lines.
    """
    changes = list(_changes(old, new, people))
    changes.sort(key=lambda c: SECTIONS.index(c.section))
    return changes


def _added_account(new: Dossier) -> Change:
    a = new.account.data
    return Change("account", "account-added", "", said(
        "New account: tier {tier}, {market} market, {contacts} contact(s), {activities} activity(ies)",
        tier=a.tier, market=a.market, contacts=len(new.contacts), activities=len(new.activities)), None, a.tier)


def _changes(old: Dossier | None, new: Dossier, people: dict[str, Person], stages: Stages | None = None
             ) -> Iterator[Change]:
    """Every change from ``old`` (``None`` for a new account) to ``new``, except scores."""
    if old is not None:
        yield from _account_changes(old, new, people)
    yield from _contact_changes(old, new)

    yield from knows_changes(old, new, people)
    yield from footprint_changes(old, new)
    a_old = old.account.data if old else None
    yield from _status_changes("plan", a_old.plans if a_old else [], new.account.data.plans)
    yield from _status_changes("initiative", a_old.initiatives if a_old else [], new.account.data.initiatives)
    yield from _activity_changes(old, new, people)
    yield from _issue_changes(a_old.issues if a_old else [], new.account.data.issues)

    yield from opportunity_changes(old, new, stages=stages)
    yield from action_changes(old, new, people)


def _account_changes(old: Dossier, new: Dossier, people: dict[str, Person]) -> Iterator[Change]:
    a, b = old.account.data, new.account.data
    if a.name != b.name:
        yield Change("account", "name", "", said("Name {a} → {b}", a=a.name, b=b.name), a.name, b.name)
    if a.tier != b.tier:
        yield Change("account", "tier", "", said("Tier {a} → {b} {arrow}", a=a.tier, b=b.tier,
                                                 arrow=arrow(TIER_RANK[a.tier], TIER_RANK[b.tier])), a.tier, b.tier)
    if a.market != b.market:
        yield Change("account", "market", "", said("Market {a} → {b}", a=a.market, b=b.market), a.market, b.market)
    fa, fb = a.strategy, b.strategy
    if fa and fb and fa.fit != fb.fit:
        yield Change("account", "fit", "", said("Strategic fit {a} → {b} {arrow}", a=level(scales.FIT, fa.fit),
                                                b=level(scales.FIT, fb.fit), arrow=arrow(fa.fit, fb.fit)),
                     fa.fit, fb.fit)
    if fa and fb and fa.trend != fb.trend:
        yield Change("account", "trend", "", said("Strategic trend {a} → {b}", a=fa.trend, b=fb.trend),
                     fa.trend, fb.trend)
    if (fa is None) != (fb is None):
        yield Change("account", "strategy", "", "Strategy insight added" if fb else "Strategy insight removed",
                     fa is not None, fb is not None)
    team_a = {(t.person, t.role) for t in a.team}
    team_b = {(t.person, t.role) for t in b.team}
    for person, role in sorted(team_b - team_a):
        name = person_name(people, person)
        yield Change("account", "team-joined", person, said("Team: {who} joined as {role}", who=name, role=role),
                     None, role)
    for person, role in sorted(team_a - team_b):
        name = person_name(people, person)
        yield Change("account", "team-left", person, said("Team: {who} no longer {role}", who=name, role=role),
                     role, None)


def _contact_changes(old: Dossier | None, new: Dossier) -> Iterator[Change]:
    before = {c.data.id: c.data for c in old.contacts} if old else {}
    after = {c.data.id: c.data for c in new.contacts}
    for cid in sorted(after.keys() - before.keys()):
        c = after[cid]
        yield Change("contacts", "contact-added", cid,
                     said("New contact: {who}, {role}, support {support}, intimacy {intimacy}", who=who(c), role=c.role,
                          support=level(scales.SUPPORT, c.support), intimacy=level(scales.INTIMACY, c.intimacy)),
                     None, cid,
                     {"name": c.name, "title": c.title, "role": c.role, "support": c.support, "intimacy": c.intimacy})
    for cid in sorted(before.keys() - after.keys()):
        c = before[cid]
        if cid in new.contact_ids or os.path.isfile(os.path.join(new.folder, "contacts", f"{cid}.md")):
            # Still there, but not loaded (errors) or hidden from the report's profile (a narrower label now).
            yield Change("contacts", "contact-unreadable", cid,
                         f"{who(c)}: no longer shown (the file has errors or a narrower sensitivity label now); "
                         "run 'accountplan check'")
        else:
            yield Change("contacts", "contact-deleted", cid, said(
                "Contact file deleted: {who} (history is lost; set 'left: YYYY-MM-DD' instead of deleting)",
                who=who(c)), cid, None)
    for cid in sorted(before.keys() & after.keys()):
        if before[cid] is not after[cid]:  # the very same object (a file a history version did not change)
            yield from _contact_diff(before[cid], after[cid])


def _contact_diff(a: Contact, b: Contact) -> Iterator[Change]:
    name = who(b)
    if a.left is None and b.left is not None:
        yield Change("contacts", "contact-left", b.id, said("{name} left on {date}", name=name,
                                                            date=b.left.isoformat()), None, b.left.isoformat())
    elif a.left is not None and b.left is None:
        yield Change("contacts", "contact-returned", b.id, said("{name} is back (leaving date removed)", name=name),
                     a.left.isoformat(), None)
    for key, labels in (("support", scales.SUPPORT), ("intimacy", scales.INTIMACY), ("influence", scales.INFLUENCE)):
        x, y = getattr(a, key), getattr(b, key)
        if x != y:
            yield Change("contacts", key, b.id, said(_SCALE_MOVES[key], name=name, a=level(labels, x),
                                                     b=level(labels, y), arrow=arrow(x, y)), x, y)
    if a.role != b.role:
        yield Change("contacts", "role", b.id, said("{name}: role {a} → {b}", name=name, a=a.role, b=b.role),
                     a.role, b.role)
    if a.title != b.title:
        yield Change("contacts", "title", b.id, said("{name}: title {a} → {b}", name=b.name, a=a.title, b=b.title),
                     a.title, b.title)
    if a.coach != b.coach:
        yield Change("contacts", "coach", b.id, said("{name}: now a coach" if b.coach else "{name}: no longer a coach",
                                                     name=name), a.coach, b.coach)
    if a.reports_to != b.reports_to:
        yield Change("contacts", "reports-to", b.id, said("{name}: reports to {a} → {b}", name=name,
                                                          a=a.reports_to or "nobody", b=b.reports_to or "nobody"),
                     a.reports_to, b.reports_to)


def _status_changes(what: str, old: list[Plan] | list[Initiative], new: list[Plan] | list[Initiative]
                    ) -> Iterator[Change]:
    before = {p.id: p for p in old}
    after = {p.id: p for p in new}
    for pid, item in after.items():
        label = item.goal if isinstance(item, Plan) else item.title
        kind = item.layer if isinstance(item, Plan) else item.kind
        prev = before.get(pid)
        if prev is None:
            added = (said("New plan {id} ({kind}): {label} - {status}, {progress}%", id=pid, kind=kind, label=label,
                          status=item.status, progress=item.progress) if isinstance(item, Plan) else
                     said("New initiative {id} ({kind}): {label} - {status}", id=pid, kind=kind, label=label,
                          status=item.status))
            yield Change("plans", f"{what}-added", pid, added, None, item.status)
            continue
        parts = []
        if prev.status != item.status:
            parts.append(said("status {a} → {b}", a=prev.status, b=item.status))
        if isinstance(prev, Plan) and isinstance(item, Plan) and prev.progress != item.progress:
            moved = arrow(prev.progress, item.progress)
            parts.append(said("progress {a}% → {b}% {arrow}" if moved else "progress {a}% → {b}%", a=prev.progress,
                              b=item.progress, arrow=moved))
        if parts:
            yield Change("plans", f"{what}-status", pid, said(
                "Plan {id} ({kind}): {parts}" if what == "plan" else "Initiative {id} ({kind}): {parts}", id=pid,
                kind=kind, parts=", ".join(parts)), _state(prev), _state(item))
    for pid in sorted(before.keys() - after.keys()):
        yield Change("plans", f"{what}-removed", pid, said("Plan {id} removed" if what == "plan" else
                                                           "Initiative {id} removed", id=pid), before[pid].status, None)


def _state(item: Plan | Initiative) -> dict[str, Any]:
    return {"status": item.status, "progress": item.progress} if isinstance(item, Plan) else {"status": item.status}


_file_name = functools.lru_cache(maxsize=4096)(os.path.basename)
"""A file's name, remembered: history compares tens of versions of each account, holding the same activities."""


def _activity_changes(old: Dossier | None, new: Dossier, people: dict[str, Person]) -> Iterator[Change]:
    seen = {_file_name(a.path) for a in old.activities} if old else set()
    fresh = [a for a in new.activities if _file_name(a.path) not in seen]
    by_person: dict[str, list[tuple[str, Activity]]] = {}
    for doc in fresh:
        for person in doc.data.people or [""]:
            by_person.setdefault(person, []).append((_file_name(doc.path), doc.data))
    names = {c.data.id: c.data.name for c in new.contacts}
    for person in sorted(by_person):
        items = sorted(by_person[person], key=lambda pair: (pair[1].date, pair[0]))
        listed = "; ".join(_activity_text(a, names) for _, a in items)
        label = person_name(people, person) if person else "nobody of ours listed"
        yield Change("activities", "activities", person, said("{who}: {n} new - {listed}", who=label, n=len(items),
                                                              listed=listed), None, len(items),
                     {"files": [f for f, _ in items]})
    removed = len(seen - {_file_name(a.path) for a in new.activities})
    if removed:
        yield Change("activities", "activities-removed", "", said("{n} activity file(s) removed", n=removed),
                     removed, None)


def _activity_text(a: Activity, names: dict[str, str]) -> str:
    met = ", ".join(names[c] for c in a.contacts if c in names)  # an id naming nobody shown: nothing
    return f"{a.date.isoformat()} {a.kind}" + (f" with {met}" if met else "")


def _issue_changes(old: list[Issue], new: list[Issue]) -> Iterator[Change]:
    before = {i.id: i for i in old}
    for issue in new:
        prev = before.get(issue.id)
        if prev is None:
            yield Change("issues", "issue-opened" if issue.status == "open" else "issue-added-closed", issue.id,
                         f"New {issue.kind} {issue.id}: {issue.title} ({issue.status})", None, issue.status)
        elif prev.status != issue.status:
            verb = "Closed" if issue.status == "closed" else "Reopened"
            yield Change("issues", f"issue-{issue.status}", issue.id, f"{verb} {issue.kind} {issue.id}: {issue.title}",
                         prev.status, issue.status)


_SCORES = (("total", "Total score: {a} → {b}{change}"), ("kpi_score", "KPI score (dimension 1): {a} → {b}{change}"),
           ("actions_score", "Key actions score (dimension 2): {a} → {b}{change}"),
           ("cadence", "Contacts per week: {a} → {b}{change}"))
"""Each score the report follows, and its line."""


def _score_changes(a: AccountScore | None, b: AccountScore | None) -> Iterator[Change]:
    if b is None:
        return
    for attr, line in _SCORES:
        x: Figure | None = getattr(a, attr) if a else None
        y: Figure = getattr(b, attr)
        if x is not None and x.value != y.value:
            change = _moved(x.value, y.value)
            yield Change("scores", "score", y.key, said(line, a=_num(x.value), b=_num(y.value), change=change), x.value,
                         y.value)
    if a and a.classification.value != b.classification.value:
        yield Change("scores", "classification", b.classification.key,
                     f"Classification: {a.classification.value} → {b.classification.value}",
                     a.classification.value, b.classification.value)


def _num(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return str(value)


def _moved(x: Any, y: Any) -> str:
    if isinstance(x, int | float) and isinstance(y, int | float):
        return f" {arrow(x, y)} ({'+' if y > x else ''}{_num(round(y - x, 1))})"
    return ""
