"""A portfolio as loaded: one :class:`Dossier` per account folder, the roster, and the facts derived from them.

Every stage reads these types; the loader (:mod:`generator.load`) builds them and nothing else does.

Layout of an ``accounts/`` folder::

    accounts/roster.yml                     our people
    accounts/<slug>/account.md              profile, strategy, plans, register...
    accounts/<slug>/contacts/<id>.md        one file per customer contact
    accounts/<slug>/activities/<name>.md    one file per contact activity
    accounts/<slug>/opportunities/<id>.md   one file per opportunity (机会点)
    accounts/<slug>/actions/<id>.md         one file per action item
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from .account import Account, Kpi
from .action import Action
from .activity import Activity
from .contact import Contact
from .document import Document
from .opportunity import Opportunity
from .roster import Roster

ROSTER = "roster.yml"
ACCOUNT = "account.md"
KINDS = {"contacts": "contact", "activities": "activity", "opportunities": "opportunity", "actions": "action"}
"""The subfolders of an account folder that are read, and the kind of file each holds."""


@dataclass
class Dossier:
    """One account: its main file, contacts, activities, opportunities and action items."""

    slug: str
    folder: str
    account: Document[Account]
    contacts: list[Document[Contact]] = field(default_factory=list)
    activities: list[Document[Activity]] = field(default_factory=list)
    opportunities: list[Document[Opportunity]] = field(default_factory=list)
    actions: list[Document[Action]] = field(default_factory=list)
    stems: dict[str, set[str]] = field(default_factory=dict)
    """File names without ``.md`` by kind (``activity``, ``opportunity``, ``action``), loaded or not."""
    contact_ids: set[str] = field(default_factory=set)
    """Ids of every contact file, loaded or not, so a broken file does not also break references."""
    partial: list[Document[Any]] = field(default_factory=list)
    """Contacts and activities with schema errors (:attr:`Document.partial`): only reference rules read them."""

    def documents(self) -> list[Document[Any]]:
        """The main file, contacts, activities, opportunities and actions, in that order."""
        return [self.account, *self.contacts, *self.activities, *self.opportunities, *self.actions]

    def contact(self, contact_id: str) -> Contact | None:
        """The contact with this id, if loaded."""
        for doc in self.contacts:
            if doc.data.id == contact_id:
                return doc.data
        return None


@dataclass
class Portfolio:
    """Everything loaded from one ``accounts/`` folder."""

    root: str
    roster: Document[Roster] | None
    dossiers: list[Dossier]
    diagnostics: list[Diagnostic]
    """Problems found while loading (files, YAML, schema)."""

    @property
    def people(self) -> dict[str, Any]:
        """Roster people by id."""
        return people_of(self.roster)


def people_of(roster: Document[Roster] | None) -> dict[str, Any]:
    """The people of roster.yml by id (none without a roster)."""
    return {p.id: p for p in roster.data.people} if roster else {}


def current_contacts(dossier: Dossier) -> Iterator[Document[Contact]]:
    """Loaded contacts still at the customer (no ``left`` date)."""
    return (doc for doc in dossier.contacts if doc.data.active)


def latest_kpi(account: Account) -> Kpi | None:
    """The KPI entry of the most recent year, if any."""
    return max(account.kpi, key=lambda k: k.year, default=None)


@contextlib.contextmanager
def gc_paused(*, freeze: bool = True) -> Iterator[None]:
    """Pause the cyclic garbage collector while building the portfolio (or anything else made of many objects).

    Loading creates millions of small acyclic objects; the collector would scan them again
    and again as they pile up (a third of the load time at 1,000 accounts) and find nothing.
    ``freeze=False`` where the pause may come often in a long-lived process (a server unpickling
    its caches): freezing there would keep any reference cycle alive at that moment for good. After
    :func:`long_lived` nothing is frozen any more.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Freezing moves what was built into the permanent generation, so the next
        # collection does not scan it all at once; refcounting still frees it as usual.
        if freeze and not _long_lived:
            gc.freeze()
        if enabled:
            gc.enable()


_long_lived = False


def long_lived() -> None:
    """From now on :func:`gc_paused` pauses the collector but freezes nothing: a server calls it after its first build.

    A freeze keeps every object it moves for good, unreachable reference cycles included, and a server's save
    paused the collector three times: each froze the garbage of the build before (its MkDocs files and pages,
    template environments), 1,800 objects and 0.9 MB a save at 100 accounts, never freed. The first build's
    bulk (the portfolio and the memos) stays frozen; what a save makes is little, and the collector sees it.
    """
    global _long_lived
    _long_lived = True
