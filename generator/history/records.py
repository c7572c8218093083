"""The history views' records: points, moves, plan tracks, events, and the calendar they fall on.

Computed by :mod:`.movement`, laid out by :mod:`generator.render.movement`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Activity
from .quarter import quarter_start

QUARTERS = 8
"""Points of the score history: the ends of the seven quarters before this one, and the "as of" date."""


@dataclass(frozen=True)
class Point:
    """An account's scorecard at one date (``None`` values: the account did not exist yet)."""

    day: dt.date
    total: float | None = None
    kpi: float | None = None
    actions: float | None = None


@dataclass(frozen=True)
class Move:
    """A contact's support or intimacy changed (or the contact was added) by one commit."""

    day: dt.date
    commit: str
    subject: str
    contact: str
    name: str
    title: str
    key: str
    """``support``, ``intimacy`` or ``added``."""
    before: int | None
    after: int | None
    owners: tuple[str, ...] = ()
    activity: Activity | None = None
    """The activity with this contact that the same commit recorded: the reason given."""


@dataclass(frozen=True)
class PlanTrack:
    """One plan's ``(progress, status)`` at each point (``None`` where it did not exist)."""

    id: str
    goal: str
    points: tuple[tuple[int, str] | None, ...]


@dataclass(frozen=True)
class Event:
    """A change the portfolio's "what changed" lists show."""

    day: dt.date
    slug: str
    name: str
    kind: str
    """``tier``, ``support``, ``contact-added``, ``contact-departed``, ``plan-done`` or ``plan-overdue``."""
    text: str


@dataclass
class AccountMovement:
    """One account's history."""

    slug: str
    points: list[Point]
    moves: list[Move] = field(default_factory=list)
    plans: list[PlanTrack] = field(default_factory=list)
    months: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """``("2026-10", lines)`` newest first, months without changes left out."""
    since: dt.date | None = None
    """The first commit of this account in the history read."""
    commits: int = 0
    """How many commits of the history read touched this account (its folder under any of its names)."""


@dataclass
class Movement:
    """The history views' data for one build."""

    as_of: dt.date
    ends: list[dt.date]
    accounts: dict[str, AccountMovement]
    events: list[Event]
    available: bool
    """Whether a git history was read at all."""
    shallow: bool = False
    commits: int = 0
    first: dt.date | None = None
    head: str = ""
    """What every page kept between rebuilds depends on of the history as a whole (the page memo keys on it).

    Not the commit id: an account page shows only its own history (which its own key holds) and a
    person's page only the moves it lists, so a new commit renders again only the pages it changed.
    It names where the history was read from and whether the clone was shallow."""
    keys: dict[str, str] = field(default_factory=dict)
    """Each account's history by what it was computed from, hashed (:func:`.results.account_key`): the same key
    gives the same :class:`AccountMovement`, so a kept page compares keys instead of whole histories. Accounts
    without a history read have none."""
    unread: str = ""
    """Why no history was read, when none was (``not inside a git repository``, a refused planted repository)."""


def quarter_ends(today: dt.date, count: int = QUARTERS) -> list[dt.date]:
    """The last days of the ``count - 1`` quarters before ``today``'s, oldest first, then ``today``."""
    ends: list[dt.date] = []
    start = quarter_start(today)
    for _ in range(count - 1):
        end = start - dt.timedelta(days=1)
        ends.insert(0, end)
        start = quarter_start(end)
    return [*ends, today]


def month_ends(first: dt.date, today: dt.date) -> list[dt.date]:
    """The last day of each month from ``first``'s to the one before ``today``'s, then ``today``."""
    ends: list[dt.date] = []
    day = dt.date(first.year, first.month, 1)
    while (day.year, day.month) < (today.year, today.month):
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        ends.append(following - dt.timedelta(days=1))
        day = following
    return [*ends, today]
