"""Gather, then generate: load and validate every dossier, redact for the audience, score once, render.

The MkDocs plugin and ``accountplan render`` both call :func:`gather` and
:func:`generate`, so the site and the plain files can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .config import Settings
from .diagnostics import Diagnostic
from .history import movement as moves
from .history.records import Movement
from .history.versions import History
from .load.portfolio import load_portfolio
from .memo import memo
from .model.portfolio import Dossier, Portfolio
from .redact import apply_profile
from .render.compliance import compliance_pages, shows
from .render.context import Site
from .render.pages import Change, render_site
from .render.parallel import Pages
from .rules import validate
from .score import score_portfolio
from .score.history import since_quarter_start
from .score.types import PortfolioScores

Reuse = Callable[[Site, Dossier], "str | None"]
"""Gives an account page's text from an earlier build when none of its inputs changed, else ``None``."""


@dataclass
class Gathered:
    """Everything the pages are rendered from: one consistent snapshot."""

    portfolio: Portfolio
    """The portfolio as this build's audience may see it (redacted for the profile)."""
    diagnostics: list[Diagnostic]
    """Every problem in the full portfolio: the build log is for the editors."""
    shown: list[Diagnostic]
    """The problems pages may mention without leaking what the profile hides."""
    scores: PortfolioScores
    changes: Sequence[Change]
    """Change of each figure since the start of the quarter (empty when not computed)."""
    level: str = "internal"
    """The highest sensitivity this build shows."""
    movement: Movement | None = None
    """Movement over time from the repository's history (``None`` when not asked for)."""


def gather(settings: Settings, profile: str | None = None, *, history: bool = True,
           cache: str | None = None, timeline: bool = False, history_cache: str | None = None) -> Gathered:
    """Load, validate, redact and score the portfolio at ``settings.accounts``; never raises for bad data.

    ``cache`` is a folder for the content-keyed load cache (:mod:`generator.load.cache`): only
    files whose bytes changed since it was filled are parsed again (``mkdocs serve --dirty``),
    and each dossier's redacted copy and scores are reused while its files are unchanged
    (:mod:`generator.memo`). ``timeline``: read the git history too (:mod:`generator.history`),
    its parses kept in ``history_cache``.
    """
    full = load_portfolio(settings.accounts, cache=cache)
    # Serving: per-dossier redaction and scores are kept in memory from the previous rebuild.
    redacted, scored = (memo("redaction"), memo("scores")) if cache is not None else (None, None)
    for kept in (redacted, scored):
        if kept is not None:
            kept.start()
    diagnostics = validate(full, settings, memo("rules") if cache is not None else None)
    redaction = apply_profile(full, settings, profile, redacted)
    portfolio = redaction.portfolio
    changes: Sequence[Change] = ()
    if history:
        scores, changes = since_quarter_start(portfolio, settings, scored)
    else:
        scores = score_portfolio(portfolio, settings, scored)
    shown = [d for d in diagnostics if redaction.visible(d)]
    moved = None
    if timeline:
        moved = moves.compute(History.read(settings.accounts), full, portfolio, scores, settings,
                                 redaction.level, history_cache)
    return Gathered(portfolio, diagnostics, shown, scores, changes, redaction.level, moved)


def generate(gathered: Gathered, settings: Settings, lang: str, *, directory_urls: bool = True,
             reuse: Reuse | None = None, reuse_person: Callable[[Site, str], str | None] | None = None,
             lifting: bool = False) -> Pages:
    """Every generated page for ``gathered``, by source path (see :class:`Pages` for pages still rendering).

    ``reuse`` and ``reuse_person`` may hand back account and person pages kept from an earlier
    build (``incremental.AccountMemo``). ``lifting``: heavy blocks go to ``pages.lifted`` for the
    MkDocs plugin to put back after conversion (:mod:`generator.render.lift`).
    """
    pages = render_site(gathered.portfolio, gathered.shown, gathered.scores, settings, lang,
                        directory_urls=directory_urls, changes=gathered.changes, reuse=reuse,
                        reuse_person=reuse_person, compliance=shows(gathered.level), lifting=lifting,
                        history=gathered.movement)
    pages.update(compliance_pages(gathered.portfolio, gathered.shown, settings, lang, gathered.level,
                                  directory_urls=directory_urls))
    return pages
