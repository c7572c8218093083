"""Per person: visit cadence across the portfolio and the health of the relationships they own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from ..memo import Memo
from ..model import Account, Activity, Contact
from .actions import active_contacts
from .cadence import in_window, person_cadence, person_counts
from .config import ScoringConfig
from .figures import mean, scale_score, weighted
from .labels import msg
from .types import PersonScore

AccountData = tuple[str, Account, Sequence[Contact], Sequence[Activity]]
"""``(slug, account, contacts, activities)`` of one dossier."""


def score_people(people: Iterable[str], accounts: Sequence[AccountData], as_of: dt.date,
                 config: ScoringConfig, memo: Memo[Any] | None = None) -> dict[str, PersonScore]:
    """A scorecard for each roster id in ``people``.

    With a ``memo``, a scorecard is kept by everything it is computed from: the person's
    meetings, accounts and owned relationships (their ids and scales) and the scoring config.
    """
    window = [a for _, _, _, acts in accounts for a in in_window(acts, as_of, config.limits.weeks_window)]
    counts = person_counts(window, config)
    teams: dict[str, list[str]] = {}
    owned: dict[str, list[tuple[str, Contact]]] = {}
    for slug, account, contacts, _ in accounts:
        for member in account.team:
            teams.setdefault(member.person, [])
            if slug not in teams[member.person]:
                teams[member.person].append(slug)
        for contact in active_contacts(contacts, as_of):
            for owner in dict.fromkeys(contact.owners):
                owned.setdefault(owner, []).append((slug, contact))
    if memo is None:
        return {pid: _person(pid, counts.get(pid, 0), teams.get(pid, []), owned.get(pid, []), config)
                for pid in people}
    common = repr(config)
    found = {}
    for pid in people:
        mine = owned.get(pid, [])
        key = ("person", common, pid, counts.get(pid, 0), tuple(teams.get(pid, [])),
               tuple((slug, c.id, c.intimacy, c.support) for slug, c in mine))
        found[pid] = memo.get(key, partial(_person, pid, counts.get(pid, 0), teams.get(pid, []), mine, config))
    return found


def _person(pid: str, meetings: int, accounts: list[str], owned: list[tuple[str, Contact]],
            config: ScoringConfig) -> PersonScore:
    cadence, cadence_score = person_cadence(meetings, config)
    health = mean("people.relationships", msg("f.relationships"),
                  [(f"{slug}/{c.id}", scale_score((c.intimacy + c.support) / 2)) for slug, c in owned],
                  empty=msg("n.owns_none"))
    weights = config.person_weights
    score = weighted("people.score", [("cadence", weights["cadence"], cadence_score),
                                      ("relationships", weights["relationships"], health)])
    return PersonScore(person=pid, cadence=cadence, accounts=tuple(accounts),
                       relationships=tuple((slug, c.id) for slug, c in owned), score=score,
                       details=(cadence_score, health))

