"""How a field is declared: one definition feeds the loader, the JSON Schema and the docs."""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
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
    ident: bool = False,
) -> Any:
    """Declare a dataclass field with the metadata the loader, schema and docs read.

    ``ref`` names what an id points at (``contact``, ``person``, ``source``, ``plan``,
    ``initiative``); ``low``/``high`` bound numbers; ``sensitivity`` is the field's
    default label; ``labels`` gives English and Chinese names of scale values; ``unknown``
    lets a scale be written ``unknown`` (loaded as ``None``) where "not yet known" is a real state;
    ``ident`` marks an id field that is neither named ``id`` nor a ``ref`` (see :func:`names_id`).
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
        "ident": ident,
    }
    if factory is not _MISSING:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def scale(doc: str, labels: dict[Any, tuple[str, str]], **kw: Any) -> Any:
    """A 1–5 integer scale field with named levels (with ``unknown=True``: or the word ``unknown``)."""
    return fld(doc, low=1, high=5, labels=labels, **kw)


def names_id(f: dataclasses.Field[Any]) -> bool:
    """Whether ``f`` holds ids: its own (a field named ``id``), references (``ref``), or marked ``ident``.

    Ids become file names and URLs (pages, anchors, maps), so the loader holds every value of
    such a field to the id syntax (:mod:`generator.model.ids`); a new id field is covered by
    being declared this way.
    """
    return f.name == "id" or f.metadata.get("ref") is not None or bool(f.metadata.get("ident"))


@cache
def hints(cls: type) -> dict[str, Any]:
    """Resolved type hints of a model dataclass."""
    return typing.get_type_hints(cls)


@cache
def fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    """The dataclass fields of a model class by name."""
    return {f.name: f for f in dataclasses.fields(cls)}


def is_required(f: dataclasses.Field[Any]) -> bool:
    """A field with neither default nor factory must be written."""
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


SINGLE_LINE = frozenset({
    "name", "title", "industry", "region", "currency", "segment", "department", "email", "url", "unit",
    "offering", "offerings", "competitor", "competitors", "survey", "horizon", "fingerprint", "stage", "parent",
})
"""Text fields written on one line wherever they occur (names, titles, labels): a line break in one is an
error (AP108), as it could start a block of its own in a page. Free text (summaries, notes) may span lines."""
