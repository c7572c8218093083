"""Redaction's copy-on-write walk over one file's data: what goes, and a copy of only what changed.

:func:`pruned` takes out fields and entries above a level, :func:`scrubbed` references to hidden
ids. Both leave the object they are given as it is and give it back itself when nothing in it
changes, or a shallow copy with only the changed fields replaced (:func:`with_changes`), so a
redacted copy shares every unchanged object with the loaded portfolio. Each records the loc
paths it took out, and for each list it shortened the old index to new index map, so the
file's positions can be re-keyed (:func:`renumber`).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..diagnostics import Loc
from ..model import Contact
from .levels import level_of

T = TypeVar("T")


def own_level(obj: Any, inherited: int) -> int:
    """Level of an entry: its container's, raised by its own label."""
    label = getattr(obj, "sensitivity", None)
    return max(inherited, level_of(label)) if isinstance(label, str) else inherited


GONE: Any = object()
"""What an entry becomes when it must go: a required field of it had to go, or it is hidden itself."""


def with_changes(obj: T, changes: dict[str, Any]) -> T:
    """``obj`` itself when nothing changed, else a shallow copy with ``changes`` (``obj`` is never changed)."""
    if not changes:
        return obj
    changed = copy.copy(obj)
    for name, value in changes.items():
        object.__setattr__(changed, name, value)
    return changed


@functools.cache
def labelled(cls: type) -> tuple[tuple[dataclasses.Field[Any], int | None], ...]:
    """A dataclass's fields but ``sensitivity``, each with the level its own label sets (``None``: unlabelled).

    Looked up once per class: redaction walks every entry of every file, and history every version of each.
    """
    return tuple((f, level_of(f.metadata["sensitivity"]) if f.metadata.get("sensitivity") else None)
                 for f in dataclasses.fields(cls) if f.name != "sensitivity")


def _is_record(value: Any) -> bool:
    """Whether ``value`` is a dataclass instance (:func:`dataclasses.is_dataclass` without its class case)."""
    return hasattr(type(value), "__dataclass_fields__")


def pruned(obj: Any, level: int, limit: int, loc: Loc, removed: list[Loc],
           index_maps: dict[Loc, dict[int, int]]) -> tuple[Any, bool]:
    """``obj`` without what is above ``limit`` (itself when nothing is), and ``False`` when a required field had
    to go, so ``obj`` must go too (the copy then holds what was pruned up to that field)."""
    changes: dict[str, Any] = {}
    for f, own in labelled(type(obj)):  # type: ignore[arg-type]  # a dataclass is hashable
        field_level = level if own is None else max(level, own)
        value = getattr(obj, f.name)
        if field_level > limit:
            if not reset(changes, f, value):
                return with_changes(obj, changes), False
            if value not in (None, []):
                removed.append((*loc, f.name))
            continue
        if value is None or isinstance(value, str) or value == []:
            continue  # nothing in it to prune (most of a file's fields: their locs are not even made)
        here = (*loc, f.name)
        if isinstance(value, list):
            def keep(i: int, item: Any, at: Loc = here, level: int = field_level) -> Any:
                if not _is_record(item):
                    return item
                if own_level(item, level) > limit:
                    return GONE
                new, whole = pruned(item, own_level(item, level), limit, (*at, i), removed, index_maps)
                return new if whole else GONE

            filter_list(changes, f.name, value, keep, here, removed, index_maps)
        elif _is_record(value):
            inner = own_level(value, field_level)
            new, whole = (None, False) if inner > limit else pruned(value, inner, limit, here, removed, index_maps)
            if not settle(changes, f, value, (new, whole), here, removed):
                return with_changes(obj, changes), False
    return with_changes(obj, changes), True


def settle(changes: dict[str, Any], f: dataclasses.Field[Any], value: Any, outcome: tuple[Any, bool], loc: Loc,
           removed: list[Loc]) -> bool:
    """Record what became of a field's nested entry ``value``: ``outcome`` is the entry and whether it is whole; a
    changed one goes into ``changes``, one that must go is recorded and the field reset (``False``: required)."""
    new, whole = outcome
    if not whole:
        removed.append(loc)
        return reset(changes, f, value)
    if new is not value:
        changes[f.name] = new
    return True


def filter_list(changes: dict[str, Any], name: str, value: list[Any], keep: Callable[[int, Any], Any], loc: Loc,
                removed: list[Loc], index_maps: dict[Loc, dict[int, int]]) -> None:
    """The items of list field ``name`` as ``keep`` gives them (:data:`GONE`: dropped, recorded with the new
    indexes); a new list in ``changes`` only when an item went or changed."""
    kept: list[Any] = []
    mapping: dict[int, int] = {}
    changed = False
    for i, item in enumerate(value):
        new = keep(i, item)
        if new is GONE:
            removed.append((*loc, i))
            changed = True
            continue
        mapping[i] = len(kept)
        kept.append(new)
        changed = changed or new is not item
    if len(kept) != len(value):
        index_maps[loc] = mapping
    if changed:
        changes[name] = kept


def reset(changes: dict[str, Any], f: dataclasses.Field[Any], value: Any) -> bool:
    """Set a field back to its empty default in ``changes`` (unless it is empty already); ``False`` when the field
    is required."""
    if f.default is not dataclasses.MISSING:
        empty = f.default
    elif f.default_factory is not dataclasses.MISSING:
        empty = f.default_factory()
    else:
        return False
    if value is not empty and (type(value) is not type(empty) or value != empty):
        changes[f.name] = empty
    return True


def renumber(positions: dict[Loc, tuple[int, int]], index_maps: dict[Loc, dict[int, int]]
             ) -> dict[Loc, tuple[int, int]]:
    """Positions keyed by the pruned data's locs; positions of removed items dropped."""
    if not index_maps:
        return positions
    result = {}
    for loc, position in positions.items():
        new: list[str | int] = []
        for depth, part in enumerate(loc):
            mapping = index_maps.get(loc[:depth])
            if mapping is not None and isinstance(part, int):
                if part not in mapping:
                    break
                part = mapping[part]
            new.append(part)
        else:
            result[tuple(new)] = position
    return result


@dataclass(frozen=True)
class Lines:
    """What the skip-level repair of reporting lines needs: the hidden contacts and the ids still shown."""

    hidden: dict[str, Contact]
    shown: set[str]


def scrubbed(obj: Any, gone: dict[str, set[str]], lines: Lines, loc: Loc,
             removed: list[Loc], index_maps: dict[Loc, dict[int, int]]) -> tuple[Any, bool]:
    """``obj`` without references to hidden ids (itself when it has none), and ``False`` when a required one had
    to go, so ``obj`` must go too."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        here = (*loc, f.name)
        kind = f.metadata.get("ref")
        hidden = gone.get(kind, set()) if kind else set()
        value = getattr(obj, f.name)
        if isinstance(value, str) and value in hidden:
            removed.append(here)
            if f.name == "reports_to":
                changes[f.name] = visible_manager(value, hidden, lines)
            elif not reset(changes, f, value):
                return with_changes(obj, changes), False
        elif isinstance(value, list):
            def keep(i: int, item: Any, at: Loc = here, ids: set[str] = hidden) -> Any:
                if isinstance(item, str):
                    return GONE if item in ids else item
                if not _is_record(item):
                    return item
                new, whole = scrubbed(item, gone, lines, (*at, i), removed, index_maps)
                return new if whole else GONE

            filter_list(changes, f.name, value, keep, here, removed, index_maps)
        elif _is_record(value) and not settle(
                changes, f, value, scrubbed(value, gone, lines, here, removed, index_maps), here, removed):
            return with_changes(obj, changes), False
    return with_changes(obj, changes), True


def visible_manager(contact_id: str | None, hidden: set[str], lines: Lines) -> str | None:
    """The first manager up the reporting line who is not hidden (skip-level), cycle-safe.

    Only a contact the profile shows qualifies: when the hidden person's own line ends in an
    id that names nobody (a dangling ``reports_to`` in a hidden file), the line ends there,
    so nothing a hidden file says reaches the output.
    """
    seen: set[str] = set()
    while contact_id in hidden and contact_id not in seen:
        seen.add(contact_id)
        person = lines.hidden.get(contact_id)
        contact_id = person.reports_to if person is not None else None
    return contact_id if contact_id in lines.shown else None
