"""Turn a node tree into typed model objects, the dataclass annotations deciding each type.

YAML 1.2 semantics with the schema in charge: a plain ``NO`` in a text field stays
``"NO"``, ``010`` stays ``"010"``, ``yes`` is not a boolean, and ``2023-02-30`` in a date
field is an error at its line. Every key and item position is kept in ``positions``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

from ..diagnostics import Diagnostic, Loc, Severity
from ..model import codes
from ..model.ids import RESERVED, SLUG, slug_problem
from ..model.money import MAX_AMOUNT
from ..model.scales import UNKNOWN
from ..model.spec import SINGLE_LINE, fields, hints, is_required, names_id
from ..neutralise import BIDI, CONTROL, LINE_BREAK, without_controls
from ..suggest import closest
from .yamlnodes import Mapping, Node, Scalar, Sequence

INVALID: Any = object()
"""Returned for a value that could not be converted; a diagnostic was recorded."""

# No leading zeros: YAML 1.1 reads 010 as octal 8 and YAML 1.2 as 10, so neither guess is safe.
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|(0|[1-9][0-9]*)(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_SUSPECT = re.compile(f"{CONTROL.pattern}|{BIDI.pattern}")
"""Either a control or a bidirectional control character: text without any needs neither check."""


Shape = tuple[Any, tuple[Any, ...], bool, tuple[Any, ...]]
_SHAPES: dict[int, tuple[Any, Shape]] = {}


def _shape(hint: Any) -> Shape:
    """``(origin, args without None, is a dataclass, args)`` of a type hint, memoized: asked for every value loaded.

    Kept by the hint's identity (the schema's hints are made once, :func:`~generator.model.spec.hints`): hashing a
    ``Literal`` hashes all its values, which cost more than the rest of converting a scalar.
    """
    found = _SHAPES.get(id(hint))
    if found is not None and found[0] is hint:
        return found[1]
    every = typing.get_args(hint)
    shape = (typing.get_origin(hint), tuple(a for a in every if a is not type(None)), dataclasses.is_dataclass(hint),
             every)
    _SHAPES[id(hint)] = (hint, shape)
    return shape


@cache
def _required(cls: type) -> tuple[str, ...]:
    """The names of the fields a record of ``cls`` must write, in field order."""
    return tuple(name for name, f in fields(cls).items() if is_required(f))


def describe(hint: Any) -> str:
    """A short human name of a type hint, for messages."""
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        return "one of " + ", ".join(str(a) for a in typing.get_args(hint))
    if origin in (types.UnionType, typing.Union):
        return " or ".join(describe(a) for a in typing.get_args(hint) if a is not type(None))
    if origin is list:
        return f"a list of {describe(typing.get_args(hint)[0])}"
    if dataclasses.is_dataclass(hint):
        return "a mapping"
    return {str: "text", int: "a whole number", float: "a number", bool: "true or false", dt.date: "a date"}.get(
        hint, str(hint)
    )


class Converter:
    """Converts one document and collects its diagnostics and positions."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.partial: Any = None
        """When the document's record failed: an instance holding the fields that converted, the others ``None``."""

    def problem(self, node: Node, code: str, message: str, hint: str, loc: Loc) -> Any:
        """Record an error at ``node`` and return :data:`INVALID`."""
        self.diagnostics.append(
            Diagnostic(self.path, node.line, node.column, code, Severity.ERROR, message, hint, loc)
        )
        return INVALID

    def record(self, node: Node, cls: type, loc: Loc = ()) -> Any:
        """Convert a mapping node into an instance of the dataclass ``cls``."""
        self.positions[loc] = (node.line, node.column)
        if not isinstance(node, Mapping):
            return self.problem(node, codes.WRONG_TYPE,
                                f"expected {describe(cls)}, found {_kind(node)}", _SHAPE_HINT, loc)
        known = fields(cls)
        types_ = hints(cls)
        values: dict[str, Any] = {}
        ok = True
        for key, value in node.items:
            name = key.value
            f = known.get(name)
            if f is None:
                near = closest(name, known)
                self.problem(
                    key,
                    codes.UNKNOWN_KEY,
                    f"unknown key '{name}' in {cls.__name__.lower()}",
                    f"did you mean '{near}'?" if near else "allowed: " + ", ".join(known),
                    (*loc, name),
                )
                continue
            here = (*loc, name)
            self.positions[here] = (value.line, value.column)
            converted = self.value(value, types_[name], f, here)
            if converted is INVALID:
                if is_required(f):
                    ok = False
                continue
            values[name] = converted
        for name in _required(cls):
            if name not in values and not any(k.value == name for k, _ in node.items):
                ok = False
                f = known[name]
                self.problem(
                    node,
                    codes.REQUIRED_MISSING,
                    f"required field '{name}' is missing from {cls.__name__.lower()}",
                    f"add '{name}:' — {f.metadata.get('doc', '')}",
                    (*loc, name),
                )
        if not ok and loc == ():
            self.partial = _partial(cls, values)
        return cls(**values) if ok else INVALID

    def value(self, node: Node, hint: Any, f: dataclasses.Field[Any] | None, loc: Loc) -> Any:
        """Convert ``node`` to the type ``hint``."""
        shape = _shape(hint)
        origin, args, is_record, _ = shape
        if origin in (types.UnionType, typing.Union):
            may_be_unknown = f is not None and f.metadata.get("unknown")
            if isinstance(node, Scalar) and node.plain and node.value in _NULLS:
                if may_be_unknown:  # "not known yet" is said in words, never by leaving the value out
                    return self.problem(node, codes.REQUIRED_MISSING, "value is empty", _scale_hint(f), loc)
                return None
            if may_be_unknown and isinstance(node, Scalar) and node.value == UNKNOWN:
                return None
            return self.value(node, args[0], f, loc)
        if isinstance(node, Scalar) and node.plain and node.value in _NULLS:
            if origin is list:
                return []
            return self.problem(node, codes.REQUIRED_MISSING, "value is empty", f"give {describe(hint)}", loc)
        if origin is list:
            if not isinstance(node, Sequence):
                return self.problem(node, codes.WRONG_TYPE,
                                    f"expected {describe(hint)}, found {_kind(node)}", _SHAPE_HINT, loc)
            (item_hint,) = args
            items = []
            for i, item in enumerate(node.items):
                self.positions[(*loc, i)] = (item.line, item.column)
                converted = self.value(item, item_hint, f, (*loc, i))
                if converted is not INVALID:
                    items.append(converted)
            return items
        if is_record:
            return self.record(node, typing.cast(type, hint), loc)
        if not isinstance(node, Scalar):
            return self.problem(node, codes.WRONG_TYPE,
                                f"expected {describe(hint)}, found {_kind(node)}", _SHAPE_HINT, loc)
        return self.scalar(node, hint, f, loc, shape)

    def one_line(self, node: Scalar, text: str, loc: Loc) -> str:
        """A single-line field's text (:data:`SINGLE_LINE`); a line break in it is reported where it is, and read
        as a space so the rest still loads (a block scalar's own final line end is no break)."""
        kept = text.rstrip("\r\n")
        found = LINE_BREAK.search(kept)
        if found is None:
            return kept
        column = node.column + found.start() + (0 if node.plain else 1)  # after the opening quote
        self.diagnostics.append(Diagnostic(
            self.path, node.line, column, codes.CONTROL_CHARACTER, Severity.ERROR,
            "a line break in a single-line field",
            "write the value on one line; only free text (summaries, notes) may span lines", loc))
        return LINE_BREAK.sub(" ", kept)

    def scalar(self, node: Scalar, hint: Any, f: dataclasses.Field[Any] | None, loc: Loc,
               shape: Shape | None = None) -> Any:
        """Convert a scalar by the schema's type, checking ranges and allowed values (``shape``: ``hint``'s)."""
        text = node.value
        suspect = _SUSPECT.search(text) is not None  # most text holds neither kind of character: one search
        if suspect and CONTROL.search(text):
            # Only a YAML escape ("\0", "\x1b") can put one here: raw ones were replaced when the file was read.
            self.problem(node, codes.CONTROL_CHARACTER, "text contains a control character (written as an escape)",
                         "delete the escape; control characters (NUL, escape codes …) have no place in text", loc)
            text = node.value = without_controls(text)
        if f is not None and f.name in SINGLE_LINE:
            text = node.value = self.one_line(node, text, loc)
        if suspect and BIDI.search(text):
            return self.problem(
                node,
                codes.BIDI_CONTROL,
                "text contains a bidirectional control character (U+202A–U+202E, U+2066–U+2069)",
                "delete the invisible character; it can make text read differently from what it is",
                loc,
            )
        origin, _, _, allowed = shape or _shape(hint)
        if origin is typing.Literal:
            if text in allowed:
                return sys.intern(text)
            near = closest(text, allowed)
            return self.problem(
                node,
                codes.VALUE_NOT_ALLOWED,
                f"'{text}' is not allowed here; expected {describe(hint)}",
                f"did you mean '{near}'?" if near else "write one of the listed values exactly (case matters)",
                loc,
            )
        parse = _PARSERS.get(hint)
        if parse is None:
            return self.problem(node, codes.WRONG_TYPE, f"unsupported type {hint}", "", loc)
        result = parse(node)
        if result is INVALID:
            message = f"expected {describe(hint)}, found '{text}'"
            hint_text = _scale_hint(f) or _TYPE_HINTS.get(hint, "")
            code = codes.INVALID_DATE if hint is dt.date else codes.WRONG_TYPE
            return self.problem(node, code, message, hint_text, loc)
        if f is not None and hint is str and _holds_ids(f):
            if not SLUG.fullmatch(text) or text in RESERVED:
                return self.problem(node, codes.INVALID_ID, f"id '{text}' {slug_problem(text)}", _ID_HINT, loc)
            if _not_text(node):  # an editor's YAML reads it as a number or true/false, and the schema says text
                return self.problem(node, codes.INVALID_ID,
                                    f"id '{text}' is read as a number or true/false, not as text",
                                    "quote it, or start it with a letter as ids do ('c-', 'p-', ...)", loc)
        if hint is float and not abs(result) <= MAX_AMOUNT:  # 1.0e+308 (or .nan) is a typo or an attack
            return self.problem(node, codes.VALUE_NOT_ALLOWED,
                                f"{_as_written(text)} is beyond any real figure (at most {MAX_AMOUNT:g})",
                                "write the amount in full units, e.g. 2500000 for 2.5 million", loc)
        if f is not None and hint in (int, float):
            low, high = f.metadata.get("low"), f.metadata.get("high")
            if (low is not None and result < low) or (high is not None and result > high):
                bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
                return self.problem(node, codes.VALUE_NOT_ALLOWED, f"{result} is out of range; expected {bounds}",
                                    _scale_hint(f) or f"write a value {bounds}", loc)
        return result


@cache
def _holds_ids(f: dataclasses.Field[Any]) -> bool:
    """:func:`names_id`, memoized per field: asked for every text value loaded."""
    return names_id(f)


def _partial(cls: type, values: dict[str, Any]) -> Any:
    """An instance of ``cls`` without running its checks: ``values``, defaults, ``None`` for the rest.

    Only reference rules read it (:attr:`Document.partial`), so that one run reports a broken
    file's unknown ids along with what broke it.
    """
    obj: Any = object.__new__(cls)
    for name, f in fields(cls).items():
        if name in values:
            value = values[name]
        elif f.default is not dataclasses.MISSING:
            value = f.default
        elif f.default_factory is not dataclasses.MISSING:
            value = f.default_factory()
        else:
            value = None
        object.__setattr__(obj, name, value)
    return obj


def _scale_hint(f: dataclasses.Field[Any] | None) -> str:
    """For a named 1–5 scale, the levels an editor can choose from: '1 opponent, 2 non-supporter, …'."""
    labels = f.metadata.get("labels") if f is not None else None
    if not labels:
        return ""
    levels = ", ".join(f"{level} ({names[0]})" for level, names in sorted(labels.items()))
    if f is not None and f.metadata.get("unknown"):
        return f"write one of {levels}, or {UNKNOWN} while you do not know yet"
    return "write one of " + levels


def _not_text(node: Scalar) -> bool:
    """Whether YAML 1.2 reads this scalar as a number or a boolean (a plain ``2024``, ``1e3``, ``true``)."""
    return node.plain and bool(_YAML_INT.fullmatch(node.value) or _FLOAT.fullmatch(node.value) or node.value in _BOOLS)


SHARED_LENGTH = 64
"""Text up to this length is interned (:func:`sys.intern`): kinds, ids, names and stock phrases recur across a
dossier's files, and one object for each value is then what a dossier's load-cache pack keeps and gives back.
Every value its own object, 943,000 strings took 66 MB of a merge build at 1,000 accounts; 227,000 are distinct."""


def _parse_str(node: Scalar) -> Any:
    text = node.value
    return sys.intern(text) if len(text) <= SHARED_LENGTH else text


def _parse_int(node: Scalar) -> Any:
    if not node.plain:
        return INVALID
    if _INT.fullmatch(node.value):
        return int(node.value)
    # 3.0 and 1e3 are whole numbers, as JSON Schema's "integer" (and so an editor) counts them.
    whole = _FLOAT.fullmatch(node.value) and float(node.value).is_integer()
    return int(float(node.value)) if whole else INVALID


def _parse_float(node: Scalar) -> Any:
    return float(node.value) if node.plain and _FLOAT.fullmatch(node.value) else INVALID


def _parse_bool(node: Scalar) -> Any:
    return _BOOLS.get(node.value, INVALID) if node.plain else INVALID


def _parse_date(node: Scalar) -> Any:
    match = _DATE.fullmatch(node.value)
    if not match:
        return INVALID
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return INVALID


_YAML_INT = re.compile(r"[-+]?[0-9]+")
"""YAML 1.2 core schema integers, leading zeros included."""

_PARSERS: dict[Any, Callable[[Scalar], Any]] = {
    str: _parse_str,
    int: _parse_int,
    float: _parse_float,
    bool: _parse_bool,
    dt.date: _parse_date,
}
_ID_HINT = "ids become file names and links; write lower-case words joined by '-', e.g. 'p-li-na'"
_SHAPE_HINT = "write 'key: value' lines for a mapping, '- item' lines or [a, b] for a list"
_TYPE_HINTS = {
    bool: "write true or false (yes/no/on/off are text in YAML 1.2)",
    dt.date: "write a real calendar date as YYYY-MM-DD",
    int: "write digits without quotes or leading zeros",
    float: "write a number without quotes or units",
}


def _kind(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return f"'{node.value}'"


def _as_written(text: str, keep: int = 24) -> str:
    """A number as the file writes it (``1e999``, not ``inf``), shortened in the middle when it is long."""
    text = text.strip()
    return text if len(text) <= keep else f"{text[:keep - 5]}…{text[-4:]}"
