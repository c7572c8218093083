"""What a rule sees and how it reports, and the two scopes a rule can have.

Most rules are *per dossier*: what they report about an account folder depends only on that
folder's files, the roster and the settings. :func:`generator.rules.validate` runs them one
dossier at a time (and once for roster.yml itself), so a dossier whose files did not change
need not be checked again (:mod:`.memo`, :mod:`.index`). A rule that compares accounts with
each other declares ``SCOPE = ACCOUNTS`` and reads only :class:`AccountSummary` records, through
its ``check_accounts(accounts)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Protocol

from ..config import Settings
from ..diagnostics import Diagnostic, Loc, Severity
from ..model import Account, Contact, Roster
from ..model.contact import DECIDING_ROLES
from ..model.document import Document
from ..model.portfolio import Dossier, Portfolio, current_contacts

DOSSIER = "dossier"
"""Scope of a rule whose diagnostics about a dossier depend on that dossier, the roster and settings only."""
ACCOUNTS = "accounts"
"""Scope of a rule comparing accounts with each other, through :class:`AccountSummary` records."""


@dataclass(frozen=True)
class Context:
    """The portfolio (or the part of it being checked) plus settings; rules read, never change it."""

    portfolio: Portfolio
    settings: Settings
    roster_file: bool = True
    """Whether roster.yml itself is checked: ``False`` while checking one dossier, which sees the roster's people."""


def checked_roster(ctx: Context) -> Document[Roster] | None:
    """The roster document when this run checks roster.yml itself (see :attr:`Context.roster_file`)."""
    return ctx.portfolio.roster if ctx.roster_file else None


def roster_complete(roster: Document[Roster] | None) -> bool:
    """Whether roster.yml loaded with every person written in it (no entry dropped for an error of its own).

    References to people are only checked against a complete roster: otherwise every
    reference to a missing or broken entry would repeat the roster's own error.
    """
    if roster is None:
        return False
    written = {loc[1] for loc in roster.positions if len(loc) >= 2 and loc[0] == "people"}
    return len(written) == len(roster.data.people)


@dataclass(frozen=True)
class AccountSummary:
    """What a cross-account rule knows of one account: slug, name and parent, and where each is written."""

    slug: str
    path: str
    """The account.md file, as diagnostics show it."""
    name: str
    parent: str | None
    positions: tuple[tuple[int, int], tuple[int, int]]
    """Line and column of ``name`` and of ``parent`` (as :meth:`Document.at` finds them)."""

    @classmethod
    def of(cls, dossier: Dossier) -> AccountSummary:
        """The summary of a loaded dossier."""
        doc = dossier.account
        return cls(dossier.slug, doc.path, doc.data.name, doc.data.parent, (doc.at(("name",)), doc.at(("parent",))))

    def diagnostic(self, code: str, severity: Severity, message: str, hint: str, key: str) -> Diagnostic:
        """A diagnostic at ``name`` or ``parent`` of this account, as :meth:`Document.diagnostic` would give it."""
        line, column = self.positions[0 if key == "name" else 1]
        return Diagnostic(self.path, line, column, code, severity, message, hint, (key,))


class CheckAccounts(Protocol):
    """A cross-account rule's check over every account's summary, in slug order."""

    def __call__(self, accounts: Sequence[AccountSummary]) -> Iterator[Diagnostic]: ...


class Check(Protocol):
    """A rule's check: yields diagnostics at the rule's default severity."""

    def __call__(self, ctx: Context) -> Iterator[Diagnostic]: ...


@dataclass(frozen=True)
class Rule:
    """A rule as registered: its code, name, default severity, docs and check."""

    code: str
    name: str
    severity: Severity
    doc: str
    module: ModuleType
    check: Check | None
    """``None`` for rules enforced while loading (files, YAML, schema)."""
    scope: str = DOSSIER
    """:data:`DOSSIER` or :data:`ACCOUNTS` (the module's ``SCOPE``)."""
    check_accounts: CheckAccounts | None = None
    """The check over account summaries, for rules of scope :data:`ACCOUNTS`."""

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


KEY_TIERS: frozenset[str] = frozenset({"S", "A"})
"""Strategic and partner accounts: the method's key accounts, which need deep insight."""

OPEN_STATUSES: frozenset[str] = frozenset({"planned", "in-progress"})
"""Plan statuses that still promise work."""


def current_deciders(ctx: Context) -> Iterator[Document[Contact]]:
    """Contacts still at the customer whose role decides (decision-maker, economic-buyer, approver)."""
    for dossier in ctx.portfolio.dossiers:
        yield from (doc for doc in current_contacts(dossier) if doc.data.role in DECIDING_ROLES)


def overdue(day: dt.date, ctx: Context) -> bool:
    """``day`` lies more than ``limits.review_grace_days`` before today."""
    return (ctx.settings.today - day).days > ctx.settings.limits.review_grace_days


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


def account_entries(ctx: Context, name: str) -> Iterator[tuple[Document[Account], int, Any]]:
    """Every entry of the list ``name`` (``plans``, ``gifts`` …) of every account file, with its index."""
    for dossier in ctx.portfolio.dossiers:
        for i, entry in enumerate(getattr(dossier.account.data, name)):
            yield dossier.account, i, entry
