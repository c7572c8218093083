"""How a field is declared: one definition feeds the loader, the JSON Schema and the docs."""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

Sensitivity = Literal["public", "internal", "restricted"]
"""Who may read a field or entry: everyone, the company, the account team only."""

SENSITIVITY_ORDER: dict[str, int] = {"public": 0, "internal": 1, "restricted": 2}

_MISSING: Any = dataclasses.MISSING


def fld(
    doc: str,
    *,
    default: Any = _MISSING,
    factory: Any = _MISSING,
    low: float | None = None,
    high: float | None = None,
    ref: str | None = None,
    sensitivity: Sensitivity | None = None,
    example: Any = None,
    labels: dict[Any, tuple[str, str]] | None = None,
    unknown: bool = False,
) -> Any:
    """Declare a dataclass field with the metadata the loader, schema and docs read.

    ``ref`` names what an id points at (``contact``, ``person``, ``source``, ``plan``,
    ``initiative``); ``low``/``high`` bound numbers; ``sensitivity`` is the field's
    default label; ``labels`` gives English and Chinese names of scale values; ``unknown``
    lets a scale be written ``unknown`` (loaded as ``None``) where "not yet known" is a real state.
    """
    metadata = {
        "doc": doc,
        "low": low,
        "high": high,
        "ref": ref,
        "sensitivity": sensitivity,
        "example": example,
        "labels": labels,
        "unknown": unknown,
    }
    if factory is not _MISSING:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def scale(doc: str, labels: dict[Any, tuple[str, str]], **kw: Any) -> Any:
    """A 1–5 integer scale field with named levels (with ``unknown=True``: or the word ``unknown``)."""
    return fld(doc, low=1, high=5, labels=labels, **kw)
