"""Opportunity stages: the configured pipeline, with the method's defaults.

A team renames or adds stages in the plugin section of ``mkdocs.yml``::

    stages:
      open: [lead, qualified, proposal, negotiation]   # in order
      closed: [won, lost, dropped]                      # the first one means won
      early: 2          # the first two open stages are "early": no stance needed yet

The defaults follow the article: the general-relationship team "digs potatoes" and finds
opportunities (寻找机会点, ``lead``); once a project is qualified and we propose, every
deciding contact's support for *this* project must be known (支持度只能表现在项目的支持度上).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_OPEN = ("lead", "qualified", "proposal", "negotiation")
DEFAULT_CLOSED = ("won", "lost", "dropped")
DEFAULT_EARLY = 2


@dataclass(frozen=True)
class Stages:
    """The configured stages: open ones in pipeline order, closed ones, and how many open ones are early."""

    open: tuple[str, ...] = DEFAULT_OPEN
    closed: tuple[str, ...] = DEFAULT_CLOSED
    early: int = DEFAULT_EARLY

    @property
    def won(self) -> str:
        """The first closed stage: an opportunity there is won (its offering counts as installed)."""
        return self.closed[0]

    @property
    def all(self) -> tuple[str, ...]:
        """Every stage a dossier may write, open ones first."""
        return self.open + self.closed

    def is_open(self, stage: str) -> bool:
        """Whether ``stage`` is still being pursued (an unknown stage counts as open: it is reported on its own)."""
        return stage not in self.closed

    def past_early(self, stage: str) -> bool:
        """Whether ``stage`` is an open stage after the early ones."""
        return stage in self.open[self.early:]


def stages_of(data: dict[str, Any] | None) -> Stages:
    """The stages from the ``stages`` settings mapping; ``ValueError`` names what is wrong."""
    data = dict(data or {})
    unknown = set(data) - {"open", "closed", "early"}
    if unknown:
        raise ValueError(f"unknown stages settings: {', '.join(sorted(unknown))}; known: closed, early, open")
    open_ = _names(data.get("open", DEFAULT_OPEN), "open")
    closed = _names(data.get("closed", DEFAULT_CLOSED), "closed")
    early = data.get("early", DEFAULT_EARLY)
    if not isinstance(early, int) or isinstance(early, bool) or not 0 <= early <= len(open_):
        raise ValueError(f"stages.early must be a whole number from 0 to {len(open_)}")
    if set(open_) & set(closed):
        raise ValueError("a stage cannot be both open and closed")
    return Stages(open_, closed, early)


def _names(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not value or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"stages.{key} must be a non-empty list of stage names")
    return tuple(value)
