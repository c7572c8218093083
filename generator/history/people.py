"""The people of an account through time: each contact's support and intimacy moves, and whom history hides.

* :func:`contact_moves`: a contact's support or intimacy changed (or the contact was added), commit
  by commit, with the activity the same commit recorded with that contact (the reason given);
* :func:`hidden_contacts`: the ids and names of contacts this build may not show, now or in any
  version read, so no line of any history view names them (:func:`shows`), not even a commit's
  free-text subject (:func:`subject`).

Computed for :mod:`.movement` from the versions :class:`.redacted.AccountVersions` parses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..edit.change import Change
from ..model import Activity, Contact
from ..model.portfolio import Dossier
from ..redact import level_of
from .records import Move
from .redacted import AccountVersions
from .versions import Key, Version


def moved_keys(acc: AccountVersions, prev: Version | None, cur: Version) -> Iterator[Key]:
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


def visible(obj: Any, level: str) -> bool:
    return level_of(getattr(obj, "sensitivity", "internal")) <= level_of(level)


def subject(subject: str, hidden: set[str]) -> str:
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


Pairs = list[tuple[Version | None, Version]]
"""Each version with the one before it (``None`` for an account's first)."""


def hidden_contacts(full: Dossier | None, shown: Dossier, acc: AccountVersions, pairs: Pairs, level: str) -> set[str]:
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
        if isinstance(data, Contact) and not visible(data, level):
            hidden |= {data.id, data.name}
    return hidden


def shows(change: Change, hidden: set[str]) -> bool:
    return change.subject not in hidden and not any(word and word in change.text for word in hidden)


def contact_moves(acc: AccountVersions, pairs: list[tuple[Version | None, Version]], hidden: set[str]) -> list[Move]:
    """Support and intimacy moves (and contacts added) commit by commit, newest first."""
    moves: list[Move] = []
    for prev, cur in pairs:
        commit = acc.history.commits[cur.index]
        before = prev.files if prev else {}
        added = [a for k in acc.keys(cur) if k[1] == "activity" and before.get(k[2].split("/", 2)[-1]) != k[0]
                 and isinstance(a := acc.data(k), Activity) and visible(a, acc.limit)]
        for key in acc.keys(cur):
            sub = key[2].split("/", 2)[-1]
            if key[1] != "contact" or before.get(sub) == key[0]:
                continue
            new = acc.data(key)
            old = acc.data((before[sub], "contact", key[2])) if sub in before else None
            if not isinstance(new, Contact) or new.id in hidden or not visible(new, acc.limit):
                continue
            cited = next((a for a in added if new.id in a.contacts), None)
            base = (commit.day, commit.sha[:7], subject(commit.subject, hidden), new.id, new.name, new.title)
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
