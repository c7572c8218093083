"""What a rule sees and how it reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Protocol

from ..config import Settings
from ..diagnostics import Diagnostic, Loc, Severity
from ..load.document import Document
from ..load.portfolio import Dossier, Portfolio
from ..model import Account, Contact, Kpi


@dataclass(frozen=True)
class Context:
    """The whole portfolio plus settings; rules read, never change it."""

    portfolio: Portfolio
    settings: Settings


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

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


def each_dossier(ctx: Context) -> Iterator[Dossier]:
    """Dossiers in slug order."""
    yield from ctx.portfolio.dossiers


KEY_TIERS: frozenset[str] = frozenset({"S", "A"})
"""Strategic and partner accounts: the method's key accounts, which need deep insight."""

OPEN_STATUSES: frozenset[str] = frozenset({"planned", "in-progress"})
"""Plan statuses that still promise work."""


def current_contacts(dossier: Dossier) -> Iterator[Document[Contact]]:
    """Loaded contacts still at the customer (no ``left`` date)."""
    return (doc for doc in dossier.contacts if doc.data.active)


def latest_kpi(account: Account) -> Kpi | None:
    """The KPI entry of the most recent year, if any."""
    return max(account.kpi, key=lambda k: k.year, default=None)


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


def documents(dossier: Dossier) -> list[Document[Any]]:
    """The dossier's main file, contacts and activities."""
    return [dossier.account, *dossier.contacts, *dossier.activities]


def account_entries(ctx: Context, name: str) -> Iterator[tuple[Document[Account], int, Any]]:
    """Every entry of the list ``name`` (``plans``, ``gifts`` …) of every account file, with its index."""
    for dossier in ctx.portfolio.dossiers:
        for i, entry in enumerate(getattr(dossier.account.data, name)):
            yield dossier.account, i, entry
