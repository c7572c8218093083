"""An id points at a contact, person, source or plan that does not exist.

## What it does
Checks every reference field — `owners`, `reports_to`, `contacts`, `people`, `sources`,
`target`, `recipient`, `approved_by`, `plan` … — against the ids defined in the same
account (contacts, sources, plans) or in `accounts/roster.yml` (people). While the roster
cannot be loaded whole (it is missing, has a YAML error, or an entry has an error of its
own), references to people are not checked: that one root error is reported instead of
an error for every owner and participant in the portfolio.

## Why is this bad
A misspelt id silently drops a line from the relationship map, hides an owner from
the team scorecard, or leaves a fact uncited.

## Example
```yaml
owners: [p-li-naa]      # roster has p-li-na
```

## Use instead
```yaml
owners: [p-li-na]
```
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier, people_of
from ..suggest import did_you_mean
from .base import roster_complete
from .walk import references

CODE = "AP202"
NAME = "unknown-reference"
SEVERITY = Severity.ERROR

_WHERE = {
    "contact": "a file in this account's contacts/",
    "person": "accounts/roster.yml",
    "source": "this account's sources",
    "plan": "this account's plans",
    "initiative": "this account's initiatives",
    "opportunity": "a file in this account's opportunities/",
    "activity": "a file in this account's activities/",
}


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield one diagnostic per reference to an undefined id."""
    people = people_of(roster)
    whole = roster_complete(roster)
    account = dossier.account.data
    known = {
        "contact": dossier.contact_ids,
        "opportunity": dossier.stems.get("opportunity", set()),
        "activity": dossier.stems.get("activity", set()),
        "person": people,
        "source": {s.id for s in account.sources},
        "plan": {p.id for p in account.plans},
        "initiative": {i.id for i in account.initiatives},
    }
    for doc in [*dossier.documents(), *dossier.partial]:  # a file with schema errors still has its ids checked
        for loc, kind, ref in references(doc.data):
            if ref not in known[kind] and (whole or kind != "person"):
                yield doc.diagnostic(CODE, SEVERITY, f"unknown {kind} id '{ref}'",
                                     _hint(ref, known[kind], f"define it in {_WHERE[kind]} or correct the id"), loc)


def check_roster(roster: Document[Roster], settings: Settings) -> Iterator[Diagnostic]:
    """Yield one diagnostic per reference in roster.yml to a person it does not define."""
    people = people_of(roster)
    if roster_complete(roster):
        for loc, kind, ref in references(roster.data):
            if kind == "person" and ref not in people:
                yield roster.diagnostic(CODE, SEVERITY, f"unknown person id '{ref}'",
                                        _hint(ref, people, "define it in accounts/roster.yml"), loc)


def _hint(ref: str, known: Iterable[str], otherwise: str) -> str:
    """Did-you-mean a defined id that differs by a typo or two, else how to define it."""
    return did_you_mean(ref, known, cutoff=0.75) or otherwise
