"""The pipeline, in the order it runs: load → validate → redact → score → render → publish.

:func:`run` is the whole backbone for plain files (``accountplan render``)::

    gathered = gather(settings, profile)       # load (generator.load), validate (generator.rules),
                                               # redact (generator.redact), score (generator.score)
    pages = generate(gathered, settings, lang) # render (generator.render)
    write_pages(pages, out)                    # publish (generator.publish)

The MkDocs plugin calls the same :func:`gather` and :func:`generate`; MkDocs writes the
pages, and ``accountplan build`` publishes its output atomically (:mod:`generator.publish.site`).
So the site and the plain files can never disagree. Every stage is a package under
``generator/``; each reads the model (:mod:`generator.model`) and none calls back up here.
A serving process gathers through :mod:`generator.incremental`, which wraps the same stages
in its content-keyed caches and memos (:func:`generator.incremental.stages.serving`).
"""

from __future__ import annotations

__all__ = ["Gathered", "check_settings", "gather", "generate", "run", "write_pages"]

from collections.abc import Callable

from . import rules
from .config import Settings
from .diagnostics import Diagnostic
from .history import movement as moves
from .history.versions import Reading
from .incremental.stages import COLD, Stages, serving
from .model.document import Document
from .model.portfolio import Dossier, Portfolio, gc_paused
from .model.roster import Roster
from .publish.atomic import target_in, write_text_atomic
from .redact import profile_level
from .render.generate import Gathered, generate
from .render.parallel import Pages, ahead
from .score.config import scoring_config


def check_settings(settings: Settings, profile: str | None) -> None:
    """Refuse, before anything runs, settings the stages would refuse later: an unknown build profile, a bad
    ``scoring`` block. Raises ``ValueError`` with the message the user sees (the plugin's ``on_config``)."""
    profile_level(settings, profile)
    scoring_config(settings)


def gather(settings: Settings, profile: str | None = None, *, history: bool = True,
           cache: str | None = None, timeline: bool = False, history_cache: str | None = None) -> Gathered:
    """Load, validate, redact and score the portfolio at ``settings.accounts``; never raises for bad data.

    ``cache`` is a folder for the content-keyed load cache: only files whose bytes changed since
    it was filled are parsed again (the plugin passes one for every build), and each dossier's rule results,
    redacted copy and scores are reused while its files are unchanged (:mod:`generator.incremental`).
    ``timeline``: read the git history too (:mod:`generator.history`), its parses kept in ``history_cache``.
    """
    stages = COLD if cache is None else serving(cache)
    reading = Reading(settings.accounts, history_cache) if timeline else None  # git reads the log meanwhile
    try:
        # The cyclic collector paused, what was made frozen after, as for loading: the stages make millions of
        # acyclic objects (redacted copies, scorecards, the memos' carried ones), which it scanned again and again
        # for nothing: 14 full passes, 16.7 of a merge build's 103 s at N=10,000.
        with gc_paused():
            return _gather(settings, profile, stages, reading, history=history, cache=cache,
                           history_cache=history_cache)
    finally:
        if reading is not None:
            reading.close()  # git stopped and its files closed, should a stage have raised before the log was read


def _gather(settings: Settings, profile: str | None, stages: Stages, reading: Reading | None, *, history: bool,
            cache: str | None, history_cache: str | None) -> Gathered:
    """:func:`gather`'s stages, the history read through ``reading`` when there is one."""
    full = stages.load(settings.accounts)                                     # load
    validate = stages.validate if cache is not None else checking_ahead(full, settings)  # validate (below)
    redaction = stages.redact(full, settings, profile)                        # redact
    portfolio = redaction.portfolio
    scores, changes = (stages.since_quarter_start(portfolio, settings) if history  # score
                       else (stages.score(portfolio, settings), ()))
    diagnostics = validate(full, settings)
    shown = [d for d in diagnostics if redaction.visible(d)]
    moved = None
    if reading is not None:
        moved = moves.compute(reading.history(), full, portfolio, scores, settings, redaction.level, history_cache,
                              reading.unread)
    changed = stages.changed(portfolio)  # when each account last changed (git, else files)
    return Gathered(portfolio, diagnostics, shown, scores, changes, redaction.level, moved, changed)


def checking_ahead(full: Portfolio, settings: Settings) -> Callable[[Portfolio, Settings], list[Diagnostic]]:
    """:func:`generator.rules.validate` for ``full``, its per-dossier checks started now in forked workers when
    there are many dossiers (:func:`generator.render.parallel.ahead`): they run while this process redacts and
    scores, the diagnostics are the same."""
    dossiers = full.dossiers
    results = ahead(len(dossiers), lambda i: rules.dossier_diagnostics(full.root, full.roster, dossiers[i], settings))
    done = iter(zip(dossiers, results, strict=True))

    def check(root: str, roster: Document[Roster] | None, dossier: Dossier, settings_: Settings) -> list[Diagnostic]:
        checked, found = next(done)
        assert checked is dossier and settings_ is settings and root == full.root and roster is full.roster
        return found

    def validate(portfolio: Portfolio, settings_: Settings) -> list[Diagnostic]:
        found = rules.validate(portfolio, settings_, check)
        rest = next(done, None)  # every result taken: the workers stop
        assert rest is None
        return found

    return validate


def write_pages(pages: Pages, out: str) -> None:
    """Publish ``pages`` as files under ``out``; an id that climbs out of it is refused, not written."""
    for src_uri, text in sorted(pages.items()):
        write_text_atomic(target_in(out, src_uri), text)


def run(settings: Settings, profile: str | None, lang: str, out: str, *, directory_urls: bool = True,
        history_cache: str | None = None) -> tuple[Gathered, int]:
    """The whole pipeline into plain files: gather, render in ``lang``, write under ``out``.

    Gives what was gathered (its diagnostics are for the caller to report) and how many pages were written.
    """
    gathered = gather(settings, profile, timeline=True, history_cache=history_cache)
    pages = generate(gathered, settings, lang, directory_urls=directory_urls)
    write_pages(pages, out)
    return gathered, len(pages)
