"""Small constructors for :class:`Figure`: every score is built here, with its formula and numbers.

Values are rounded when a figure is made (scores to one decimal), and the figures built
on top of them use the rounded values, so that ``82 = 0.5 × 90 + 0.5 × 74`` holds exactly
as the site shows it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from .labels import joined, msg, terms, text
from .types import Figure, Msg, Value

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


def figure(key: str, value: Value, formula: Msg, inputs: dict[str, Value] | None = None,
           notes: Sequence[Msg] = (), worked: str = "", unit: str = "") -> Figure:
    """A figure whose formula and note are messages: the English text is derived from them, never typed twice."""
    return Figure(key, value, text(formula), dict(inputs or {}), joined(notes), worked, unit,
                  formula_msg=formula, notes=tuple(notes))


def computed(key: str, value: float, formula: Msg, inputs: dict[str, Value], worked: str, unit: str,
             digits: int = 1) -> Figure:
    """A figure from a division of user figures; n/a when the result overflows (say 1e308 / 0.001)."""
    if not math.isfinite(value):
        return missing(key, formula, [msg("n.too_large")], inputs, unit)
    shown = r1(value) if digits == 1 else round(value, digits)
    return figure(key, shown, formula, inputs, (), worked, unit)


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    """``value`` held within ``[low, high]`` and rounded to one decimal."""
    return r1(max(low, min(high, value)))


def scale_score(level: float) -> float:
    """A 1–5 scale level as 0–100: 1 → 0, 3 (the neutral middle) → 50, 5 → 100."""
    return r1((level - 1) * 25)


def missing(key: str, formula: Msg, notes: Sequence[Msg], inputs: dict[str, Value] | None = None,
            unit: str = SCORE) -> Figure:
    """A figure whose inputs do not allow a value; ``notes`` say why."""
    return figure(key, None, formula, inputs, notes, unit=unit)


def value_of(figure: Figure | None) -> float | None:
    """The numeric value of ``figure``, or ``None``."""
    if figure is None or isinstance(figure.value, str) or figure.value is None:
        return None
    return float(figure.value)


def mean(key: str, formula: Msg, parts: Sequence[tuple[str, float]], *, empty: Msg | None = None,
         notes: Sequence[Msg] = (), inputs: dict[str, Value] | None = None, unit: str = SCORE) -> Figure:
    """The plain mean of named parts; ``None`` with the note ``empty`` when there are none."""
    shown: dict[str, Value] = dict(inputs or {})
    shown.update({name: value for name, value in parts})
    if not parts:
        return missing(key, formula, [empty or msg("n.nothing")], shown, unit)
    values = [value for _, value in parts]
    total = sum(values)
    if len(values) <= MAX_WORKED_TERMS:
        worked = " + ".join(num(v) for v in values)
        worked = f"({worked}) / {len(values)}" if len(values) > 1 else worked
    else:
        worked = f"{num(r1(total))} / {len(values)}"
    return figure(key, r1(total / len(values)), formula, shown, notes, worked, unit)


def weighted(key: str, parts: Sequence[tuple[str, float, Figure]], *, unit: str = SCORE,
             note: Msg | None = None) -> Figure:
    """Weighted mean of the parts that have a value, the weights renormalised over those.

    ``parts`` are ``(name, weight, figure)``. A part without a value drops out and the note
    says so: a missing KPI does not count as a zero.
    """
    inputs: dict[str, Value] = {}
    present: list[tuple[str, float, float]] = []
    absent: list[str] = []
    for name, weight, part in parts:
        inputs[name] = part.value
        inputs[f"{name} weight"] = weight
        value = value_of(part)
        if value is None:
            absent.append(name)
        elif weight > 0:
            present.append((name, weight, value))
    symbolic = _weighted_formula(tuple((n, w) for n, w, _ in parts if w > 0))
    notes = [note] if note else []
    if absent:
        notes.append(msg("n.absent", names=terms(absent)))
    if not present:
        return missing(key, symbolic, notes or [msg("n.no_part")], inputs, unit)
    weights = [w for _, w, _ in present]
    worked = _weighted_text([(num(w), num(v)) for _, w, v in present], weights)
    value = r1(sum(w * v for _, w, v in present) / sum(weights))
    return figure(key, value, symbolic, inputs, notes, worked, unit)


def _renormalised(total: float) -> bool:
    return abs(total - 1.0) >= 1e-9


@cache  # the same few formulas for every account: a message is frozen, so one copy serves them all
def _weighted_formula(parts: tuple[tuple[str, float], ...]) -> Msg:
    body = tuple(msg("f.weighted_term", weight=num(w), name=term_of(n)) for n, w in parts)
    total = sum(w for _, w in parts)
    if _renormalised(total):
        return msg("f.weighted_renormalised", terms=body, total=num(total))
    return msg("f.weighted", terms=body)


def term_of(name: str) -> Msg:
    """A part name as a term message."""
    return terms([name])[0]


def _weighted_text(parts: Sequence[tuple[str, str]], weights: Sequence[float]) -> str:
    body = " + ".join(f"{w} × {v}" for w, v in parts)
    return f"({body}) / {num(sum(weights))}" if _renormalised(sum(weights)) else body


def checklist(key: str, checks: dict[str, bool], what: str) -> Figure:
    """Share of ``checks`` passed, as 0–100; the note names what is missing."""
    passed = sum(1 for ok in checks.values() if ok)
    inputs: dict[str, Value] = {name: int(ok) for name, ok in checks.items()}
    inputs["passed"] = passed
    inputs["checks"] = len(checks)
    absent = [name for name, ok in checks.items() if not ok]
    notes = [msg("n.missing", names=terms(absent))] if absent else []
    return figure(key, r1(100 * passed / len(checks)), msg("f.checklist", what=term_of(what)), inputs, notes,
                  f"100 × {passed} / {len(checks)}", SCORE)


def rate(key: str, hits: int, total: int, formula: Msg, *, empty: Msg | None,
         inputs: dict[str, Value] | None = None, empty_value: float | None = None) -> Figure:
    """``100 × hits / total``; when ``total`` is 0, ``empty_value`` (or n/a) with the note ``empty``."""
    notes = [empty] if empty else []
    if total == 0:
        if empty_value is None:
            return missing(key, formula, notes, inputs)
        return figure(key, empty_value, formula, inputs, notes, num(empty_value), SCORE)
    return figure(key, r1(100 * hits / total), formula, inputs, (), f"100 × {hits} / {total}", SCORE)
