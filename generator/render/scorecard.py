"""Scorecard rows: each figure with its label, value, formula, inputs and change since quarter start."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..score.labels import input_name, input_value, joined, label, text
from ..score.types import AccountScore, Figure, PersonScore, Value
from .i18n import Translator


def show_value(value: Value, t: Translator, unit: str = "") -> str:
    """A figure value for display: whole numbers plain, others to one decimal, ``n/a`` for missing."""
    if value is None:
        return "n/a" if t.index == 0 else "不适用"
    if isinstance(value, str):
        return t.enum("classification", value)
    if isinstance(value, float) and not value.is_integer() and abs(value) < 1000:
        text = f"{value:,.1f}"
    elif abs(value) < 10_000:
        text = f"{value:.0f}"  # years and small counts read better without a separator
    else:
        text = f"{value:,.0f}"
    if unit == "%":
        return text + "%"
    if unit == "per week":
        unit = t("per_week")
    return f"{text} {unit}" if unit and unit != "score" else text


def show_input(name: str, value: Value, t: Translator) -> tuple[str, str]:
    """An input's name and value in the site language; in Chinese, enum values such as markets and trends too."""
    if isinstance(value, str) and name in ("market", "trend") and t.index:
        shown = t.enum(name, value)
    elif isinstance(value, str):
        shown = input_value(name, value, t.lang) or value
    else:
        shown = show_value(value, t)
    return input_name(name, t.lang) or name, shown


def figure_row(figure: Figure, t: Translator, delta: float | None = None) -> dict[str, Any]:
    """One scorecard row: formula and notes from their message keys, so they follow the site language."""
    unit = figure.unit
    worked = figure.worked
    if isinstance(figure.value, str) and worked == figure.value and t.index:
        worked = t.enum("classification", worked)  # a label's "worked" is the label itself
    return {
        "key": figure.key,
        "label": label(figure.key, t.lang),
        "value": show_value(figure.value, t, unit),
        "formula": text(figure.formula_msg, t.lang) if figure.formula_msg else figure.formula,
        "worked": worked,
        "inputs": [show_input(name, v, t) for name, v in figure.inputs.items()],
        "note": joined(figure.notes, t.lang) if figure.notes else figure.note,
        "delta": None if delta is None else ("±0" if delta == 0 else f"{delta:+,.1f}"),
    }


def rows(figures: Iterable[Figure], t: Translator, deltas: Mapping[str, float]) -> list[dict[str, Any]]:
    """Rows for several figures, in order, with their changes when known."""
    return [figure_row(f, t, deltas.get(f.key)) for f in figures]


def account_sections(score: AccountScore | None, t: Translator,
                     deltas: Mapping[str, float]) -> list[dict[str, Any]]:
    """The account scorecard as titled groups of rows; empty without scores."""
    if score is None:
        return []
    return [
        {"title": t("total"), "rows": rows([score.total, score.classification, score.cadence], t, deltas)},
        {"title": t("dim_kpi"), "rows": rows([score.kpi_score, *score.kpi], t, deltas)},
        {"title": t("dim_actions"), "rows": rows([score.actions_score, *score.groups, *score.actions], t, deltas)},
    ]


def person_sections(score: PersonScore | None, t: Translator, deltas: Mapping[str, float]) -> list[dict[str, Any]]:
    """A person's scorecard as one group of rows; empty without scores."""
    if score is None:
        return []
    details: tuple[Figure, ...] = getattr(score, "details", ())
    return [{"title": t("scorecard"), "rows": rows([score.score, score.cadence, *details], t, deltas)}]

