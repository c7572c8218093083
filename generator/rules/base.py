"""What a rule sees and how it reports, and the two scopes a rule can have.

Most rules are *per dossier*: ``check(dossier, roster, settings)`` sees one account folder, the
roster and the settings, nothing else, so :func:`generator.rules.validate` runs it one dossier at
a time and a dossier whose files did not change need not be checked again
(:mod:`generator.incremental`). A per-dossier rule that also checks roster.yml itself has a
``check_roster(roster, settings)``. The few rules that compare accounts with each other declare
``SCOPE = ACCOUNTS`` and read only :class:`AccountSummary` records, through their
``check_accounts(accounts)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Protocol

from ..config import Settings
from ..diagnostics import Diagnostic, Loc, Severity
from ..model import Account, Contact, Roster
from ..model.contact import DECIDING_ROLES
from ..model.document import Document
from ..model.portfolio import Dossier, current_contacts

DOSSIER = "dossier"
"""Scope of a rule whose diagnostics about a dossier depend on that dossier, the roster and settings only."""
ACCOUNTS = "accounts"
"""Scope of a rule comparing accounts with each other, through :class:`AccountSummary` records."""


def roster_complete(roster: Document[Roster] | None) -> bool:
    """Whether roster.yml loaded with every person written in it (no entry dropped for an error of its own).

    References to people are only checked against a complete roster: otherwise every
    reference to a missing or broken entry would repeat the roster's own error.
    """
    if roster is None:
        return False
    people = len(roster.data.people)
    if _complete and _complete[0][0] is roster.positions and _complete[0][1] == people:  # once a check, not a dossier
        return _complete[0][2]
    written = {loc[1] for loc in roster.positions if len(loc) >= 2 and loc[0] == "people"}
    complete = len(written) == people
    _complete[:] = [(roster.positions, people, complete)]
    return complete


_complete: list[tuple[Mapping[Loc, tuple[int, int]], int, bool]] = []
"""The last answer, with what it is a function of: the roster's positions (read-only once loaded) and its count of
people."""


@dataclass(frozen=True)
class AccountSummary:
    """What a cross-account rule knows of one account: slug, name and parent, and where each is written."""

    slug: str
    path: str
    """The account.md file, as diagnostics show it."""
    folder: str
    """The account's folder, as it is on disk (a shown path may hold escapes)."""
    name: str
    parent: str | None
    positions: tuple[tuple[int, int], tuple[int, int]]
    """Line and column of ``name`` and of ``parent`` (as :meth:`Document.at` finds them)."""

    @classmethod
    def of(cls, dossier: Dossier) -> AccountSummary:
        """The summary of a loaded dossier."""
        doc = dossier.account
        return cls(dossier.slug, doc.path, dossier.folder, doc.data.name, doc.data.parent,
                   (doc.at(("name",)), doc.at(("parent",))))

    def diagnostic(self, code: str, severity: Severity, message: str, hint: str, key: str) -> Diagnostic:
        """A diagnostic at ``name`` or ``parent`` of this account, as :meth:`Document.diagnostic` would give it."""
        line, column = self.positions[0 if key == "name" else 1]
        return Diagnostic(self.path, line, column, code, severity, message, hint, (key,))


class CheckAccounts(Protocol):
    """A cross-account rule's check over every account's summary, in slug order."""

    def __call__(self, accounts: Sequence[AccountSummary]) -> Iterator[Diagnostic]: ...


class Check(Protocol):
    """A per-dossier rule's check of one dossier, which sees the roster's people: diagnostics at the rule's severity."""

    def __call__(self, dossier: Dossier, roster: Document[Roster] | None, settings: Settings
                 ) -> Iterator[Diagnostic]: ...


class CheckRoster(Protocol):
    """A per-dossier rule's check of roster.yml itself."""

    def __call__(self, roster: Document[Roster], settings: Settings) -> Iterator[Diagnostic]: ...


@dataclass(frozen=True)
class Rule:
    """A rule as registered: its code, name, default severity, docs and check."""

    code: str
    name: str
    severity: Severity
    doc: str
    module: ModuleType
    check: Check | None
    """``None`` for rules enforced while loading (files, YAML, schema) and for cross-account rules."""
    scope: str = DOSSIER
    """:data:`DOSSIER` or :data:`ACCOUNTS` (the module's ``SCOPE``)."""
    check_accounts: CheckAccounts | None = None
    """The check over account summaries, for rules of scope :data:`ACCOUNTS`."""
    check_roster: CheckRoster | None = None
    """The check of roster.yml itself, for the per-dossier rules that have one."""

    @property
    def at_load(self) -> bool:
        """Whether the loader enforces this rule (it has no check of its own; the module names ``ENFORCED_BY``)."""
        return self.check is None and self.check_accounts is None

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


KEY_TIERS: frozenset[str] = frozenset({"S", "A"})
"""Strategic and partner accounts: the method's key accounts, which need deep insight."""

OPEN_STATUSES: frozenset[str] = frozenset({"planned", "in-progress"})
"""Plan statuses that still promise work."""


def current_deciders(dossier: Dossier) -> Iterator[Document[Contact]]:
    """Contacts still at the customer whose role decides (decision-maker, economic-buyer, approver)."""
    return (doc for doc in current_contacts(dossier) if doc.data.role in DECIDING_ROLES)


def overdue(day: dt.date, settings: Settings) -> bool:
    """``day`` lies more than ``limits.review_grace_days`` before today."""
    return (settings.today - day).days > settings.limits.review_grace_days


def where(doc: Document[Any], *locs: Loc) -> Loc:
    """The first of ``locs`` actually written in the file, so a report lands on a real line."""
    return next((loc for loc in locs if loc in doc.positions), locs[-1])


def repeats(entries: Iterable[tuple[Hashable, Loc]]) -> Iterator[tuple[Hashable, Loc, Loc]]:
    """``(key, loc, first_loc)`` for every entry whose key was already seen."""
    first: dict[Hashable, Loc] = {}
    for key, loc in entries:
        if key in first:
            yield key, loc, first[key]
        else:
            first[key] = loc


def account_entries(dossier: Dossier, name: str) -> Iterator[tuple[Document[Account], int, Any]]:
    """Every entry of the list ``name`` (``plans``, ``gifts`` …) of the dossier's account file, with its index."""
    for i, entry in enumerate(getattr(dossier.account.data, name)):
        yield dossier.account, i, entry
