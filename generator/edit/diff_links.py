"""``accountplan diff`` for who knows whom (each contact's ``owners`` and ``knows``) and the installed base.

A pair is one of our people and one contact: a pair gained, lost, or its strength moved is
what a reviewer of 一多 (relationships held by one star) needs to see. The installed base
(``footprint`` in account.md) is the whitespace grid's other source besides opportunities.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Contact, Knows, Person, scales
from ..model.account import Footprint
from ..model.portfolio import Dossier
from ..translate import said
from .change import Change, arrow, level, person_name, who


def knows_changes(old: Dossier | None, new: Dossier, people: dict[str, Person]) -> Iterator[Change]:
    """Per contact (new or kept): owners gained and lost, pairs gained, lost and their strength moved.

    A contact both sides hold as the very same object (history's versions share the files they did not
    change) has nothing to report and is skipped.
    """
    before = {c.data.id: c.data for c in old.contacts} if old else {}
    for doc in sorted(new.contacts, key=lambda d: d.data.id):
        was = before.get(doc.data.id)
        if was is not doc.data:
            yield from _contact_links(was, doc.data, people)


def _contact_links(a: Contact | None, b: Contact, people: dict[str, Person]) -> Iterator[Change]:
    name = who(b)
    if a is None:  # a new contact: one line naming who knows them, not a line per pair
        yield from _new_contact_links(b, people)
        return
    owners_a = set(a.owners) if a else set()
    for person in sorted(set(b.owners) - owners_a):
        yield Change("contacts", "owner-added", f"{b.id}/{person}",
                     said("{person} now owns the relationship with {who}", person=person_name(people, person),
                          who=name), None, person)
    for person in sorted(owners_a - set(b.owners)):
        yield Change("contacts", "owner-removed", f"{b.id}/{person}",
                     said("{person} no longer owns the relationship with {who}", person=person_name(people, person),
                          who=name), person, None)
    pairs_a = _pairs(a.knows) if a else {}
    pairs_b = _pairs(b.knows)
    for person in sorted(pairs_b.keys() - pairs_a.keys()):
        strength = level(scales.STRENGTH, pairs_b[person].strength)
        yield Change("contacts", "knows-added", f"{b.id}/{person}",
                     said("{person} knows {who}: {strength}", person=person_name(people, person), who=name,
                          strength=strength), None, pairs_b[person].strength)
    for person in sorted(pairs_a.keys() - pairs_b.keys()):
        strength = level(scales.STRENGTH, pairs_a[person].strength)
        yield Change("contacts", "knows-removed", f"{b.id}/{person}",
                     said("{person} no longer listed as knowing {who} (was {strength})",
                          person=person_name(people, person), who=name, strength=strength),
                     pairs_a[person].strength, None)
    for person in sorted(pairs_a.keys() & pairs_b.keys()):
        x, y = pairs_a[person].strength, pairs_b[person].strength
        if x != y:
            moved = arrow(x, y)
            yield Change("contacts", "knows-strength", f"{b.id}/{person}",
                         said("{person} ↔ {who}: {a} → {b} {arrow}" if moved else "{person} ↔ {who}: {a} → {b}",
                              person=person_name(people, person), who=name, a=level(scales.STRENGTH, x),
                              b=level(scales.STRENGTH, y), arrow=moved), x, y)


def _new_contact_links(b: Contact, people: dict[str, Person]) -> Iterator[Change]:
    """``Zhang Wei (CTO): known by Tom Hale (trusted), Li Na (owner)``; nothing when nobody is named."""
    pairs = _pairs(b.knows)
    known = [f"{person_name(people, p)} ({level(scales.STRENGTH, pairs[p].strength) if p in pairs else 'owner'})"
             for p in b.known_by]
    if known:
        yield Change("contacts", "known-by", b.id, said("{who}: known by {people}", who=who(b),
                                                        people=", ".join(known)), None,
                     {p: pairs[p].strength if p in pairs else None for p in b.known_by})


def _pairs(knows: list[Knows]) -> dict[str, Knows]:
    """Person id → the entry (the first one when a person is listed twice: AP208/AP209 report the second)."""
    found: dict[str, Knows] = {}
    for entry in knows:
        found.setdefault(entry.person, entry)
    return found


def footprint_changes(old: Dossier | None, new: Dossier) -> Iterator[Change]:
    """Installed-base cells recorded, changed (installed, competitor, not relevant) or no longer recorded."""
    before = _cells(old.account.data.footprint) if old else {}
    after = _cells(new.account.data.footprint)
    for key in sorted(after.keys() - before.keys()):
        unit, offering = key
        yield Change("opportunities", "footprint-added", f"{unit}/{offering}",
                     said("Installed base: {offering} in {unit} is {state}", offering=offering, unit=unit,
                          state=_state(after[key])), None, after[key].state)
    for key in sorted(before.keys() & after.keys()):
        x, y = before[key], after[key]
        if (x.state, x.competitor) != (y.state, y.competitor):
            unit, offering = key
            yield Change("opportunities", "footprint-changed", f"{unit}/{offering}",
                         said("Installed base: {offering} in {unit} {a} → {b}", offering=offering, unit=unit,
                              a=_state(x), b=_state(y)), x.state, y.state)
    for key in sorted(before.keys() - after.keys()):
        unit, offering = key
        yield Change("opportunities", "footprint-removed", f"{unit}/{offering}",
                     said("Installed base: {offering} in {unit} no longer recorded (was {state})", offering=offering,
                          unit=unit, state=_state(before[key])),
                     before[key].state, None)


def _cells(footprint: list[Footprint]) -> dict[tuple[str, str], Footprint]:
    found: dict[tuple[str, str], Footprint] = {}
    for cell in footprint:
        found.setdefault((cell.unit, cell.offering), cell)
    return found


def _state(cell: Footprint) -> str:
    """``installed``, ``not-relevant``, or ``competitor (Nokia)``."""
    return f"{cell.state} ({cell.competitor})" if cell.state == "competitor" and cell.competitor else cell.state
