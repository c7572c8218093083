"""Per person: visit cadence across the portfolio and the health of the relationships they own."""

from __future__ import annotations

import datetime as dt
from collections import Counter
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
                 config: ScoringConfig, memo: Memo[Any] | None = None,
                 keys: Sequence[str] | None = None) -> dict[str, PersonScore]:
    """A scorecard for each roster id in ``people``.

    With a ``memo``, a scorecard is kept by everything it is computed from: the person's
    meetings, accounts and owned relationships (their ids and scales) and the scoring config.
    With ``keys`` too (each dossier's content key, in the order of ``accounts``), what each
    dossier adds to those is kept by its key, so only an edited dossier's activities and
    contacts are read again.
    """
    common = repr(config)
    shares: Iterable[tuple[Counter[str], list[str], list[tuple[str, Contact]]]]
    if memo is None or keys is None:
        shares = (_share(data, as_of, config) for data in accounts)
    else:
        kept = memo.part("people")
        shares = (kept.get((common, as_of, key), partial(_share, data, as_of, config))
                  for key, data in zip(keys, accounts, strict=True))
    counts: Counter[str] = Counter()
    teams: dict[str, list[str]] = {}
    owned: dict[str, list[tuple[str, Contact]]] = {}
    for (slug, *_), (met, team, mine) in zip(accounts, shares, strict=True):
        counts.update(met)
        for person in team:
            teams.setdefault(person, [])
            if slug not in teams[person]:
                teams[person].append(slug)
        for owner, contact in mine:
            owned.setdefault(owner, []).append((slug, contact))
    found = {}
    for pid in people:
        meetings, accounts_of, owns = counts.get(pid, 0), teams.get(pid, []), owned.get(pid, [])
        if memo is None:
            found[pid] = _person(pid, meetings, accounts_of, owns, config)
        else:
            key = ("person", common, pid, meetings, tuple(accounts_of),
                   tuple((slug, c.id, c.intimacy, c.support) for slug, c in owns))
            found[pid] = memo.get(key, partial(_person, pid, meetings, accounts_of, owns, config))
    return found


def _share(data: AccountData, as_of: dt.date, config: ScoringConfig
           ) -> tuple[Counter[str], list[str], list[tuple[str, Contact]]]:
    """One dossier's share of everyone's scorecards: meetings per person in the window, the team's
    people in order, and each active contact's owners (once per contact)."""
    _, account, contacts, activities = data
    met = person_counts(in_window(activities, as_of, config.limits.weeks_window), config)
    team = [member.person for member in account.team]
    mine = [(owner, contact) for contact in active_contacts(contacts, as_of) for owner in dict.fromkeys(contact.owners)]
    return met, team, mine


def _person(pid: str, meetings: int, accounts: list[str], owned: list[tuple[str, Contact]],
            config: ScoringConfig) -> PersonScore:
    cadence, cadence_score = person_cadence(meetings, config)
    # an unknown intimacy or support is never averaged as a neutral 3: the contact is counted as a gap instead
    known = [(slug, c, c.intimacy, c.support) for slug, c in owned]
    health = mean("people.relationships", msg("f.relationships"),
                  [(f"{slug}/{c.id}", scale_score((intimacy + support) / 2))
                   for slug, c, intimacy, support in known if intimacy is not None and support is not None],
                  empty=msg("n.owns_none") if not owned else msg("n.all_unknown"),
                  inputs={"not yet known": sum(1 for c in owned if c[1].unknown)})
    weights = config.person_weights
    score = weighted("people.score", [("cadence", weights["cadence"], cadence_score),
                                      ("relationships", weights["relationships"], health)])
    return PersonScore(person=pid, cadence=cadence, accounts=tuple(accounts),
                       relationships=tuple((slug, c.id) for slug, c in owned), score=score,
                       details=(cadence_score, health))

