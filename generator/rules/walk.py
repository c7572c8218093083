"""Walk model objects field by field, with the loc path of each value."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Loc

_PLANS: dict[type, tuple[tuple[str, dataclasses.Field[Any], str | None], ...] | None] = {}


def field_plan(cls: type) -> tuple[tuple[str, dataclasses.Field[Any], str | None], ...] | None:
    """``(name, field, ref kind)`` of a dataclass type, or ``None`` for any other type.

    Memoized per type: asking ``dataclasses.fields`` for every object of a large portfolio
    made the walk the slowest part of a check.
    """
    try:
        return _PLANS[cls]
    except KeyError:
        plan = (tuple((f.name, f, f.metadata.get("ref")) for f in dataclasses.fields(cls))
                if dataclasses.is_dataclass(cls) else None)
        _PLANS[cls] = plan
        return plan


def references(obj: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """Every id reference in ``obj``: ``(loc, kind, id)``, kind from the field's ``ref``."""
    plan = field_plan(type(obj))
    if plan is None:
        return
    for name, _, kind in plan:
        value = getattr(obj, name)
        if isinstance(value, str):
            if kind:
                yield (*loc, name), kind, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    if kind:
                        yield (*loc, name, i), kind, item
                elif field_plan(type(item)) is not None:
                    yield from references(item, (*loc, name, i))
        elif field_plan(type(value)) is not None:
            yield from references(value, (*loc, name))


def strings(obj: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dataclasses.Field[Any], str]]:
    """Every text value in ``obj`` with its loc and declaring field."""
    plan = field_plan(type(obj))
    if plan is None:
        return
    for name, f, _ in plan:
        value = getattr(obj, name)
        if isinstance(value, str):
            yield (*loc, name), f, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (*loc, name, i), f, item
                elif field_plan(type(item)) is not None:
                    yield from strings(item, (*loc, name, i))
        elif field_plan(type(value)) is not None:
            yield from strings(value, (*loc, name))
