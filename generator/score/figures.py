"""Small constructors for :class:`Figure`: every score is built here, with its formula and numbers.

Values are rounded when a figure is made (scores to one decimal), and the figures built
on top of them use the rounded values, so that ``82 = 0.5 × 90 + 0.5 × 74`` holds exactly
as the site shows it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from .types import Figure, Value

SCORE = "score"
PERCENT = "%"
TENTH = Decimal("0.1")
MAX_WORKED_TERMS = 8
"""Beyond this many terms a worked formula shows the sum and count instead of every term."""


def num(value: float | int) -> str:
    """A number as the formulas show it: no trailing zeros, at most three decimals."""
    if isinstance(value, bool):
        return str(int(value))
    if abs(value) >= 1e15:
        return f"{value:.6g}"
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def r1(value: float) -> float:
    """Round to one decimal, half up as by hand: 16.65 → 16.7 (``round`` would give 16.6 from the binary value)."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        return float(value)  # no tenths to round; Decimal would refuse them
    return float(Decimal(repr(float(value))).quantize(TENTH, ROUND_HALF_UP)) + 0.0


def computed(key: str, value: float, formula: str, inputs: dict[str, Value], worked: str, unit: str,
             digits: int = 1) -> Figure:
    """A figure from a division of user figures; n/a when the result overflows (say 1e308 / 0.001)."""
    if not math.isfinite(value):
        return missing(key, formula, "the figures are too large to compute with", inputs, unit)
    shown = r1(value) if digits == 1 else round(value, digits)
    return Figure(key, shown, formula, inputs, "", worked, unit)


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    """``value`` held within ``[low, high]`` and rounded to one decimal."""
    return r1(max(low, min(high, value)))


def scale_score(level: float) -> float:
    """A 1–5 scale level as 0–100: 1 → 0, 3 (the neutral middle) → 50, 5 → 100."""
    return r1((level - 1) * 25)


def missing(key: str, formula: str, note: str, inputs: dict[str, Value] | None = None, unit: str = SCORE) -> Figure:
    """A figure whose inputs do not allow a value; ``note`` says why."""
    return Figure(key, None, formula, dict(inputs or {}), note, unit=unit)


def value_of(figure: Figure | None) -> float | None:
    """The numeric value of ``figure``, or ``None``."""
    if figure is None or isinstance(figure.value, str) or figure.value is None:
        return None
    return float(figure.value)


def mean(key: str, formula: str, terms: Sequence[tuple[str, float]], *, empty: str = "", note: str = "",
         inputs: dict[str, Value] | None = None, unit: str = SCORE) -> Figure:
    """The plain mean of named terms; ``None`` with the note ``empty`` when there are none."""
    shown: dict[str, Value] = dict(inputs or {})
    shown.update({name: value for name, value in terms})
    if not terms:
        return missing(key, formula, empty or "nothing to average", shown, unit)
    values = [value for _, value in terms]
    total = sum(values)
    if len(values) <= MAX_WORKED_TERMS:
        worked = " + ".join(num(v) for v in values)
        worked = f"({worked}) / {len(values)}" if len(values) > 1 else worked
    else:
        worked = f"{num(r1(total))} / {len(values)}"
    return Figure(key, r1(total / len(values)), formula, shown, note, worked, unit)


def weighted(key: str, parts: Sequence[tuple[str, float, Figure]], *, unit: str = SCORE, note: str = "") -> Figure:
    """Weighted mean of the parts that have a value, the weights renormalised over those.

    ``parts`` are ``(name, weight, figure)``. A part without a value drops out and the note
    says so: a missing KPI does not count as a zero.
    """
    inputs: dict[str, Value] = {}
    present: list[tuple[str, float, float]] = []
    absent: list[str] = []
    for name, weight, figure in parts:
        inputs[name] = figure.value
        inputs[f"{name} weight"] = weight
        value = value_of(figure)
        if value is None:
            absent.append(name)
        elif weight > 0:
            present.append((name, weight, value))
    symbolic = _weighted_text([(num(w), n) for n, w, _ in parts if w > 0], [w for _, w, _ in parts if w > 0])
    notes = [note] if note else []
    if absent:
        notes.append(f"n/a: {', '.join(absent)}; weights renormalised over the rest")
    if not present:
        return missing(key, symbolic, "; ".join(notes) or "no part has a value", inputs, unit)
    weights = [w for _, w, _ in present]
    worked = _weighted_text([(num(w), num(v)) for _, w, v in present], weights)
    value = r1(sum(w * v for _, w, v in present) / sum(weights))
    return Figure(key, value, symbolic, inputs, "; ".join(notes), worked, unit)


def _weighted_text(terms: Sequence[tuple[str, str]], weights: Sequence[float]) -> str:
    body = " + ".join(f"{w} × {v}" for w, v in terms)
    total = sum(weights)
    if abs(total - 1.0) < 1e-9:
        return body
    return f"({body}) / {num(total)}"


def checklist(key: str, checks: dict[str, bool], what: str) -> Figure:
    """Share of ``checks`` passed, as 0–100; the note names what is missing."""
    passed = sum(1 for ok in checks.values() if ok)
    inputs: dict[str, Value] = {name: int(ok) for name, ok in checks.items()}
    inputs["passed"] = passed
    inputs["checks"] = len(checks)
    absent = [name for name, ok in checks.items() if not ok]
    note = f"missing: {', '.join(absent)}" if absent else ""
    return Figure(key, r1(100 * passed / len(checks)), f"100 × {what} / checks", inputs, note,
                  f"100 × {passed} / {len(checks)}", SCORE)


def rate(key: str, hits: int, total: int, formula: str, *, empty: str, inputs: dict[str, Value] | None = None,
         empty_value: float | None = None) -> Figure:
    """``100 × hits / total``; when ``total`` is 0, ``empty_value`` (or n/a) with the note ``empty``."""
    shown: dict[str, Value] = dict(inputs or {})
    if total == 0:
        if empty_value is None:
            return missing(key, formula, empty, shown)
        return Figure(key, empty_value, formula, shown, empty, num(empty_value), SCORE)
    return Figure(key, r1(100 * hits / total), formula, shown, "", f"100 × {hits} / {total}", SCORE)
