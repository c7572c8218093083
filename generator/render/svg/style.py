"""Presentation attributes as short CSS classes, and the one ``<style>`` each chart carries.

A chart repeats the same few presentation attributes hundreds of times (``fill="#37474f"
stroke-width="0.6" text-anchor="middle"`` …): they were most of an account page's bytes.
:func:`token` turns one attribute into a class named after its value (``stroke-width="0.6"``
becomes ``w0p6``, ``fill="#c4420c"`` becomes ``fc4420c``), so a class always means the same
declaration, in every chart and every build, and no two charts on a page can disagree about it.
:func:`stylesheet` writes the rules a chart uses into its own ``<style>``: every SVG still
stands alone (the ``.svg`` files of ``accountplan diff`` have no page around them). Inside a
page the rules are scoped to ``.ap-svg``, and identical rules from two charts do no harm.

Shapes inside a ``<symbol>`` keep plain attributes (:func:`plain`): a ``<use>`` draws a copy
that the page's selectors do not reach (Chromium styles it as if it stood alone), and a symbol
is written once per chart anyway.

The rules say exactly what the attributes said (lengths in ``px``, the SVG user unit), so a
chart looks the same; values outside the patterns below stay plain attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_NAMED: dict[tuple[str, str], str] = {
    ("text-anchor", "middle"): "m",
    ("text-anchor", "end"): "e",
    ("font-weight", "700"): "b",
    ("font-style", "italic"): "i",
    ("stroke-linecap", "round"): "lr",
    ("fill", "none"): "fn",
}
"""Frequent keyword values: one or two letters."""

_PREFIX: dict[str, str] = {
    "fill": "f",
    "stroke": "s",
    "stroke-width": "w",
    "font-size": "z",
    "stroke-dasharray": "d",
    "opacity": "o",
    "stroke-opacity": "so",
}
"""Properties whose colour or number values become ``prefix + value`` classes."""

STYLED = frozenset({name for name, _ in _NAMED} | set(_PREFIX))
"""Attribute names that may become a class; coordinates and the like never do."""
_LENGTHS = frozenset({"stroke-width", "font-size", "stroke-dasharray"})
_COLOUR = re.compile(r"#([0-9a-f]{6})")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NUMBERS = re.compile(r"\d+(?:\.\d+)?(?: \d+(?:\.\d+)?)*")

_PLAIN: ContextVar[bool] = ContextVar("plain", default=False)

RULES: dict[str, str] = {}
"""Every class handed out so far and its declaration; a class's declaration never changes."""
_TOKENS: dict[tuple[str, str], str] = {}
_CLASSES = re.compile(r' class="([^"]*)"')


def _short(hex6: str) -> str:
    """``ffffff`` → ``fff``: the CSS short form where each pair repeats."""
    if hex6[0::2] == hex6[1::2]:
        return hex6[0::2]
    return hex6


def _make(name: str, value: str) -> tuple[str, str] | None:
    """(class, declaration) for one attribute, or None when it stays an attribute."""
    named = _NAMED.get((name, value))
    if named:
        return named, f"{name}:{value}"
    prefix = _PREFIX.get(name)
    if prefix is None:
        return None
    colour = _COLOUR.fullmatch(value.lower())
    if colour and name in ("fill", "stroke"):
        hex_ = _short(colour.group(1))
        return prefix + hex_, f"{name}:#{hex_}"
    if name == "stroke-dasharray" and _NUMBERS.fullmatch(value):
        return prefix + value.replace(".", "p").replace(" ", "-"), f"{name}:{value.replace(' ', 'px ')}px"
    if _NUMBER.fullmatch(value) and name != "stroke-dasharray":
        unit = "px" if name in _LENGTHS else ""
        return prefix + value.replace(".", "p"), f"{name}:{value}{unit}"
    return None


def token(name: str, value: str) -> str | None:
    """The class standing for ``name="value"`` (an attribute name and its formatted value), if any."""
    if _PLAIN.get():
        return None
    key = (name, value)
    if key in _TOKENS:
        return _TOKENS[key] or None
    made = _make(name, value)
    if made is None:
        _TOKENS[key] = ""
        return None
    cls, declaration = made
    RULES[cls] = declaration
    _TOKENS[key] = cls
    return cls


def is_plain() -> bool:
    """Whether attributes stay attributes here (inside :func:`plain`)."""
    return _PLAIN.get()


@contextmanager
def plain() -> Iterator[None]:
    """Within this block every attribute stays an attribute (for the body of a ``<symbol>``)."""
    reset = _PLAIN.set(True)
    try:
        yield
    finally:
        _PLAIN.reset(reset)


def used(parts: Iterable[str]) -> list[str]:
    """The style classes that occur in ``parts``, sorted (so the ``<style>`` is the same on every build)."""
    found: set[str] = set()
    for part in parts:
        for names in _CLASSES.findall(part):
            found.update(n for n in names.split() if n in RULES)
    return sorted(found)


def stylesheet(parts: Iterable[str]) -> str:
    """A ``<style>`` with the rule of every style class in ``parts``; nothing when there is none."""
    classes = used(parts)
    if not classes:
        return ""
    return "<style>" + "".join(f".ap-svg .{c}{{{RULES[c]}}}" for c in classes) + "</style>"
