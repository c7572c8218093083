"""Lists of entries keyed by an id, in every record kind: where one key is written twice (AP208, AP209).

Every list in a loaded record is walked (account, contacts, activities, opportunities,
actions): a list of records is keyed by the field :data:`KEYS` names for its record type
(else by its ``id``); a list of ids or words by the text itself. The lists AP204 already
reports (account.md's ids and KPI years, roster people) are left to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Loc
from ..model import Account, Knows, Stance
from ..model.account import Footprint, Satisfaction, TeamMember
from ..model.document import Document
from ..model.portfolio import Dossier
from .walk import field_plan

KEYS: dict[type, tuple[str, ...]] = {
    Stance: ("contact",),
    Knows: ("person",),
    Footprint: ("unit", "offering"),
    TeamMember: ("person", "role"),
    Satisfaction: ("date", "survey"),
}
"""What identifies an entry of a record type that has no ``id`` of its own."""
AP204_LISTS: frozenset[tuple[type, str]] = frozenset(
    (Account, name) for name in ("sources", "plans", "initiatives", "issues", "gifts", "kpi"))
"""Lists AP204 (duplicate-id) reports: an error whatever the entries hold."""


@dataclass(frozen=True)
class Repeat:
    """The second (or later) entry with a key already seen in the same list."""

    doc: Document[Any]
    field: str
    """The list's field name, e.g. ``stances``."""
    key: str
    """The key as written: ``c-zhang-wei``, ``IT / erp``."""
    loc: Loc
    first: Loc
    entry: Any
    earlier: Any

    @property
    def same(self) -> bool:
        """Whether both entries say exactly the same (a harmless copy, not a contradiction)."""
        return bool(self.entry == self.earlier)

    @property
    def line(self) -> int:
        """Line of the first entry."""
        return self.doc.at(self.first)[0]


_last: list[tuple[Dossier, tuple[Repeat, ...]]] = []
"""The dossier being checked and its repeats: AP208 and AP209 ask for it one after the other. Forgotten when the
dossier's check ends (:func:`forget`), so a dossier changed in place afterwards is walked again."""


def forget() -> None:
    """End the walk kept for the dossier just checked (:func:`generator.rules.dossier_diagnostics`)."""
    _last.clear()


def repeats(dossier: Dossier) -> tuple[Repeat, ...]:
    """Every repeated entry in every list of every loaded record of the dossier."""
    if _last and _last[0][0] is dossier:
        return _last[0][1]
    found = tuple(repeat for doc in dossier.documents() for repeat in _in_record(doc, doc.data, ()))
    _last[:] = [(dossier, found)]
    return found


def _in_record(doc: Document[Any], obj: Any, loc: Loc) -> Iterator[Repeat]:
    kind = type(obj)
    for name, _, _ in field_plan(kind) or ():
        value = getattr(obj, name)
        if isinstance(value, list):
            if (kind, name) not in AP204_LISTS:
                yield from _in_list(doc, name, value, (*loc, name))
            for i, item in enumerate(value):
                if field_plan(type(item)) is not None:
                    yield from _in_record(doc, item, (*loc, name, i))
        elif field_plan(type(value)) is not None:
            yield from _in_record(doc, value, (*loc, name))


def _in_list(doc: Document[Any], name: str, items: list[Any], loc: Loc) -> Iterator[Repeat]:
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        key = _key(item)
        if key is None:
            continue
        if key in seen:
            j = seen[key]
            yield Repeat(doc, name, " / ".join(map(str, key)), (*loc, i), (*loc, j), item, items[j])
        else:
            seen[key] = i


def _key(item: Any) -> tuple[Any, ...] | None:
    """The entry's key, or ``None`` for an entry with none (a fact, a free-text note)."""
    if isinstance(item, str | int | float):
        return (item,)
    plan = field_plan(type(item))
    if plan is None:
        return None
    names = KEYS.get(type(item)) or (("id",) if any(name == "id" for name, _, _ in plan) else ())
    return tuple(getattr(item, n) for n in names) if names else None
