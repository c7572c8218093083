"""JSON Schema (draft 2020-12) of every dossier file, generated from the model dataclasses.

The schema is derived from the very annotations and ``fld`` metadata the loader converts
with — types, ``Literal`` values, required fields, ``low``/``high`` bounds, docs — so it
cannot drift from what ``accountplan check`` accepts. Editors (for example the YAML
language server) can use it for completion and inline errors while a dossier is written.

The schema accepts what the loader accepts (``tests/ecosystem/test_schema_agreement.py`` runs
both over the sample and its mutations): a plain ``2024`` or ``true`` in a text field is text,
``3.0`` is a whole number, and an empty list field (``owners:``) is an empty list. One
difference is left: a whole number with a leading zero (``010``) is a number to YAML 1.2 and
to the schema, and an error to the loader, which will not guess between octal and decimal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

from .account import Account
from .action import Action
from .activity import Activity
from .contact import Contact
from .ids import SLUG
from .opportunity import Opportunity
from .roster import Roster
from .scales import UNKNOWN
from .spec import fields, hints, is_required, names_id

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "urn:accountplan:schema:"

ENTITIES: dict[str, tuple[type, str]] = {
    "account": (Account, "Frontmatter of accounts/<slug>/account.md"),
    "contact": (Contact, "Frontmatter of accounts/<slug>/contacts/<id>.md"),
    "activity": (Activity, "Frontmatter of accounts/<slug>/activities/<yyyy-mm-dd-words>.md"),
    "opportunity": (Opportunity, "Frontmatter of accounts/<slug>/opportunities/<id>.md"),
    "action": (Action, "Frontmatter of accounts/<slug>/actions/<id>.md"),
    "roster": (Roster, "accounts/roster.yml"),
}
"""Every file kind: its model class and where such files live."""

_SCALARS: dict[Any, dict[str, Any]] = {
    # A plain 2024 or true is text in a text field (the loader reads every scalar as written), as here.
    str: {"type": ["string", "number", "boolean"]},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date"},
}


def entity_schema(name: str) -> dict[str, Any]:
    """The complete, self-contained schema of one file kind (``account``, ``contact``, ...)."""
    cls, where = ENTITIES[name]
    defs: dict[str, dict[str, Any]] = {}
    root = _object(cls, defs)
    return {
        "$schema": DIALECT,
        "$id": f"{BASE_ID}{name}",
        "title": f"{cls.__name__} ({where})",
        **root,
        **({"$defs": dict(sorted(defs.items()))} if defs else {}),
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """The schema of every file kind, by name."""
    return {name: entity_schema(name) for name in ENTITIES}


def _object(cls: type, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An object schema for a model dataclass: closed, with its required fields."""
    known = fields(cls)
    resolved = hints(cls)
    properties = {name: _field(f, resolved[name], defs) for name, f in known.items()}
    schema: dict[str, Any] = {
        "type": "object",
        "description": _doc(cls),
        "properties": properties,
        "additionalProperties": False,
    }
    required = [name for name, f in known.items() if is_required(f)]
    if required:
        schema["required"] = required
    return schema


def _field(f: dataclasses.Field[Any], hint: Any, defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A property's schema: its type, bounds, description, default and example."""
    schema = dict(_type(hint, f, defs))
    description = str(f.metadata.get("doc", ""))
    labels = f.metadata.get("labels")
    if labels:
        # Named levels go into the description so editors show them on hover.
        description += " Levels: " + "; ".join(f"{k} {en} ({zh})" for k, (en, zh) in sorted(labels.items())) + "."
        if f.metadata.get("unknown"):
            description += f" Or `{UNKNOWN}` (未知) while not known yet: never averaged, counted as an information gap."
    if "$ref" in schema:
        # Siblings of $ref are allowed in 2020-12, but wrap for tools that still ignore them.
        schema = {"allOf": [schema]}
    schema["description"] = description
    if f.default is not dataclasses.MISSING and f.default is not None:
        schema["default"] = f.default
    elif f.default_factory is not dataclasses.MISSING:
        schema["default"] = f.default_factory()
    if f.metadata.get("example") is not None:
        schema["examples"] = [f.metadata["example"]]
    return schema


def _type(hint: Any, f: dataclasses.Field[Any], defs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The schema of a type hint, bounds taken from the field's ``low``/``high``."""
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _type(options[0], f, defs)
        if f.metadata.get("unknown"):  # "not known yet" is the word, never an empty value
            return {"anyOf": [inner, {"const": UNKNOWN}]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is typing.Literal:
        values = list(typing.get_args(hint))
        return {"type": "string", "enum": values}
    if origin is list:
        (item,) = typing.get_args(hint)
        return {"type": ["array", "null"], "items": _type(item, f, defs)}
    if dataclasses.is_dataclass(hint):
        cls = typing.cast(type, hint)
        if cls.__name__ not in defs:
            defs[cls.__name__] = {}  # placeholder first: guards against recursive models
            defs[cls.__name__] = _object(cls, defs)
        return {"$ref": f"#/$defs/{cls.__name__}"}
    schema = dict(_SCALARS[hint])
    if hint is str and names_id(f):  # ids are text in the id syntax, never a number (device names: loader only)
        schema = {"type": "string", "pattern": f"^{SLUG.pattern}$"}
    if hint in (int, float):
        if f.metadata.get("low") is not None:
            schema["minimum"] = f.metadata["low"]
        if f.metadata.get("high") is not None:
            schema["maximum"] = f.metadata["high"]
    return schema


def _doc(cls: type) -> str:
    """The first paragraph of a class docstring, on one line."""
    text = (cls.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(text.split())
