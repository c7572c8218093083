"""Walk model objects field by field, with the loc path of each value."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Loc


def references(obj: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """Every id reference in ``obj``: ``(loc, kind, id)``, kind from the field's ``ref``."""
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        kind = f.metadata.get("ref")
        here = (*loc, f.name)
        if kind and isinstance(value, str):
            yield here, kind, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if kind and isinstance(item, str):
                    yield (*here, i), kind, item
                else:
                    yield from references(item, (*here, i))
        else:
            yield from references(value, here)


def strings(obj: Any, loc: Loc = ()) -> Iterator[tuple[Loc, dataclasses.Field[Any], str]]:
    """Every text value in ``obj`` with its loc and declaring field."""
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        here = (*loc, f.name)
        if isinstance(value, str):
            yield here, f, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (*here, i), f, item
                else:
                    yield from strings(item, (*here, i))
        else:
            yield from strings(value, here)
