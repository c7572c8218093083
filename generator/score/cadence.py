"""Visit cadence: customer contacts per week from the activity records, over the window.

The method expects everyone, executives included, to meet customers at least five times a
week (configurable as ``limits.visits_per_week``). The window is the ``weeks_window`` weeks
ending on the as-of date; activities after it are not yet known. Contacts who later left
still count: the meeting happened.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from ..model import Activity
from .config import ScoringConfig
from .figures import SCORE, clamp, figure, num, r1
from .labels import msg
from .types import Figure

PER_WEEK = "per week"


def in_window(activities: Iterable[Activity], as_of: dt.date, weeks: int) -> list[Activity]:
    """Activities dated in the ``weeks`` weeks ending on ``as_of`` (both ends' days included: 7 × weeks days)."""
    start = as_of - dt.timedelta(days=7 * weeks)
    return [a for a in activities if start < a.date <= as_of]


def meetings(activities: Iterable[Activity], config: ScoringConfig) -> list[Activity]:
    """Activities of the kinds that count as meeting a customer."""
    return [a for a in activities if a.kind in config.cadence_kinds]


def account_cadence(window: Sequence[Activity], config: ScoringConfig) -> Figure:
    """Customer meetings per week on one account over the window."""
    counted = meetings(window, config)
    weeks = config.limits.weeks_window
    return figure("cadence.account", r1(len(counted) / weeks), msg("f.cadence"),
                  {"meetings": len(counted), "weeks": weeks, "activities": len(window)},
                  worked=f"{len(counted)} / {weeks}", unit=PER_WEEK)


def person_counts(window: Iterable[Activity], config: ScoringConfig) -> Counter[str]:
    """Meetings per person id: an activity counts once for each of our people present."""
    counts: Counter[str] = Counter()
    for activity in meetings(window, config):
        counts.update(set(activity.people))
    return counts


def person_cadence(meetings_count: int, config: ScoringConfig) -> tuple[Figure, Figure]:
    """A person's meetings per week, and that rate against the expectation as 0–100."""
    weeks = config.limits.weeks_window
    per_week = r1(meetings_count / weeks)
    cadence = figure("cadence.person", per_week, msg("f.cadence"),
                     {"meetings": meetings_count, "weeks": weeks}, worked=f"{meetings_count} / {weeks}",
                     unit=PER_WEEK)
    expected = config.limits.visits_per_week
    score = figure("cadence.person_score", clamp(100 * per_week / expected), msg("f.cadence_score"),
                   {"meetings per week": per_week, "expected per week": expected},
                   worked=f"100 × {num(per_week)} / {num(expected)}", unit=SCORE)
    return cadence, score
