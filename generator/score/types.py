"""Score results: every figure carries the inputs and formula that produced it."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")
C = TypeVar("C", bound=type)
Value = float | int | str | None


def quick_state(cls: C) -> C:
    """A frozen dataclass's pickled state read and set with its field names looked up once, not once an object.

    The carried scorecards are about 140,000 such objects at 1,000 accounts: the state functions ``dataclasses``
    gives frozen classes with slots (which ask ``fields()`` each time) were 0.7 of the 1.0 s it took to unpickle
    them. The state is the same: the fields' values in order.
    """
    names = tuple(f.name for f in fields(cls))
    read = attrgetter(*names)
    put = object.__setattr__

    def getstate(self: object) -> tuple[object, ...]:
        found = read(self)
        return found if len(names) > 1 else (found,)

    def setstate(self: object, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            put(self, name, value)

    setattr(cls, "__getstate__", getstate)  # noqa: B010  # replacing what dataclass() set
    setattr(cls, "__setstate__", setstate)  # noqa: B010
    return cls


@quick_state
@dataclass(frozen=True, slots=True)
class Msg:
    """A generated text as a stable key plus arguments, so the site can show it in any language.

    ``args`` values are literal text (numbers, ids), another ``Msg`` (a term or phrase), or a
    tuple of ``Msg`` (a list, joined in the language's way). The English text is ``labels.text(msg)``.
    """

    key: str
    args: tuple[tuple[str, MsgArg], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", _shared(self.key))
        object.__setattr__(self, "args", tuple((name, _shared(value)) for name, value in self.args))


MsgArg = str | Msg | tuple[Msg, ...]


@quick_state
@dataclass(frozen=True, slots=True)
class Figure:
    """One computed number (or label), explainable on its own."""

    key: str
    """Stable id, e.g. ``kpi.sales_per_head`` or ``actions.info.strategy``; also the i18n label key."""
    value: Value
    """The result; ``None`` when the inputs do not allow it (shown as 'n/a' with the reason)."""
    formula: str
    """How it was computed, in words and symbols, e.g. ``sales / headcount``."""
    inputs: dict[str, Value] = field(default_factory=dict)
    """Each input by name, as used."""
    note: str = ""
    """Why the value is missing, or which rule decided a label."""
    worked: str = ""
    """The formula with the numbers put in, e.g. ``0.5 × 90 + 0.5 × 74``: the site shows ``value = worked``."""
    unit: str = ""
    """``score`` (0–100), ``%``, ``per week``, a currency code, or empty for labels and counts."""
    formula_msg: Msg | None = None
    """``formula`` as a message key and arguments (labels.py translates it)."""
    notes: tuple[Msg, ...] = ()
    """``note`` as messages: ``note`` is their English texts joined by ``; ``."""

    def __post_init__(self) -> None:
        for name in ("key", "formula", "note", "worked", "unit"):
            object.__setattr__(self, name, _shared(getattr(self, name)))


def _shared(value: T) -> T:
    """``value``, interned when it is text: the same formulas, notes and worked sums recur across thousands of
    scorecards (57,000 figures at 1,000 accounts), and the scorecards carried to the next build are pickled in a
    few blobs, each of which then holds each text once (their strings were 19 MB of duplicates unpickled)."""
    # isinstance for the type checker; exactly str, since sys.intern refuses a subclass (a translated text, say)
    if isinstance(value, str) and type(value) is str:
        return sys.intern(value)  # type: ignore[return-value]  # T is str here
    return value


@quick_state
@dataclass(frozen=True, slots=True, weakref_slot=True)  # weakly referenced: model.keys.frozen_repr
class AccountScore:
    """The method's two-dimension evaluation of one account."""

    slug: str
    kpi: tuple[Figure, ...]
    """Dimension 1: sales and profit per head, growth, target completion — by market type."""
    kpi_score: Figure
    """Dimension 1 as 0–100, assessed as the market type requires."""
    actions: tuple[Figure, ...]
    """Dimension 2: the nine key business actions, each 0–100."""
    groups: tuple[Figure, ...]
    """The three action groups (information, plans, satisfaction), each 0–100."""
    actions_score: Figure
    """Dimension 2 as 0–100."""
    total: Figure
    """Combined score 0–100 with the configured weights."""
    classification: Figure
    """strategic / partner / cash-cow / maintain, with the rule that decided it."""
    cadence: Figure
    """Customer contacts per week on this account over the window."""

    def figures(self) -> tuple[Figure, ...]:
        """Every figure of the scorecard (each key once)."""
        return (self.total, self.classification, self.cadence, self.kpi_score, *self.kpi, self.actions_score,
                *self.groups, *self.actions)


@quick_state
@dataclass(frozen=True, slots=True, weakref_slot=True)  # weakly referenced: model.keys.frozen_repr
class PersonScore:
    """One of our people: visit cadence and the accounts and relationships they own."""

    person: str
    cadence: Figure
    """Customer contacts per week over the window, against the expectation."""
    accounts: tuple[str, ...]
    relationships: tuple[tuple[str, str], ...]
    """(account slug, contact id) pairs this person owns."""
    score: Figure
    """0–100 from cadence and the owned relationships' health."""
    details: tuple[Figure, ...] = ()
    """The parts of ``score``: cadence against the expectation, health of the owned relationships."""

    def figures(self) -> tuple[Figure, ...]:
        """Every figure of the scorecard (each key once)."""
        return (self.score, self.cadence, *self.details)


@quick_state
@dataclass(frozen=True, slots=True)
class Rollup:
    """Averages of account scores over a group (tier, region, owner)."""

    by: str
    group: str
    accounts: int
    total: Figure
    kpi_score: Figure | None = None
    """Mean dimension-1 score of the group's accounts."""
    actions_score: Figure | None = None
    """Mean dimension-2 score of the group's accounts."""

    def figures(self) -> tuple[Figure, ...]:
        """The group's figures that it has (each key once)."""
        return tuple(f for f in (self.total, self.kpi_score, self.actions_score) if f is not None)


@dataclass(frozen=True, slots=True)
class PortfolioScores:
    """All scores of one portfolio as of one date, with the configuration version."""

    as_of: str
    config_version: str
    accounts: dict[str, AccountScore]
    people: dict[str, PersonScore]
    rollups: tuple[Rollup, ...]
