"""The gathering stages as the pipeline calls them: as they are for a build, kept from rebuild to rebuild when serving.

:data:`COLD` is load → validate → redact → score as the stages define them. :func:`serving`
gives the same functions wrapped in this package's caches and memos, for ``mkdocs serve
--dirty``: files whose bytes did not change are not parsed again (:mod:`.load`), and dossiers
whose content did not change are not checked (:mod:`.rules`), redacted (:mod:`.redact`) or
scored (:mod:`.score`) again. Both give the same results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from ..config import Settings
from ..diagnostics import Diagnostic
from ..history.changed import by_slug
from ..history.quarter import Delta, since_quarter_start
from ..load.portfolio import load_portfolio
from ..model.portfolio import Portfolio
from ..redact import Redaction, apply_profile
from ..rules import validate
from ..score import score_portfolio
from ..score.types import PortfolioScores
from . import load, redact, rules, score
from .memo import memo


class Stages(NamedTuple):
    """The gathering stages, in the order they run."""

    load: Callable[[str], Portfolio]
    validate: Callable[[Portfolio, Settings], list[Diagnostic]]
    redact: Callable[[Portfolio, Settings, str | None], Redaction]
    score: Callable[[Portfolio, Settings], PortfolioScores]
    since_quarter_start: Callable[[Portfolio, Settings], tuple[PortfolioScores, tuple[Delta, ...]]]
    changed: Callable[[Portfolio], dict[str, dt.date]]
    """When each account last changed (git, else its files' times)."""


COLD = Stages(load_portfolio, validate, apply_profile, score_portfolio, since_quarter_start, by_slug)
"""Every stage computed afresh (``accountplan render``, and any build without a cache folder)."""


def serving(cache: str) -> Stages:
    """The stages for one rebuild of a long-running process: the load cache in the folder ``cache``, and the
    process's memos (:func:`.memo.memo`), started for this rebuild."""
    redacted, scored = memo("redaction"), memo("scores")
    redacted.start()
    scored.start()
    return Stages(partial(load.load_portfolio, cache=cache), partial(rules.validate, memo=memo("rules")),
                  partial(redact.redact, memo=redacted), partial(score.score_portfolio, memo=scored),
                  partial(score.since_quarter_start, memo=scored), partial(load.last_changed, cache=cache))
