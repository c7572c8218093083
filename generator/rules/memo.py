"""Per-dossier rule results kept in memory between checks of one long-running process.

``mkdocs serve --dirty`` validates the whole portfolio again after every save, though most
dossiers did not change. Given a :class:`generator.memo.Memo` (``validate(..., memo)``), each
dossier's per-dossier rule diagnostics are kept under what they depend on — the dossier's
:func:`~generator.memo.dossier_key` (paths and content digests of its files, its contact ids) and the
names of all its files (a file that does not load still defines an id),
the roster's digest and the settings, today's date included — and only dossiers whose key
changed are checked again. Cross-account rules and roster.yml's own checks are cheap and
always run.
"""

from __future__ import annotations

from ..config import Settings
from ..diagnostics import Diagnostic
from ..memo import Memo, digest, dossier_key
from ..model.portfolio import Portfolio


def memoized_dossier_diagnostics(portfolio: Portfolio, settings: Settings,
                                 memo: Memo[list[Diagnostic]]) -> list[Diagnostic]:
    """Every dossier's per-dossier diagnostics, re-using those of the previous call whose inputs are unchanged."""
    from . import dossier_diagnostics

    memo.start()
    roster = [portfolio.roster] if portfolio.roster else []
    build = digest([repr(settings), *(f"{doc.path}|{doc.digest}" for doc in roster)])
    found: list[Diagnostic] = []
    for dossier in portfolio.dossiers:
        def check() -> list[Diagnostic]:
            return dossier_diagnostics(portfolio.root, portfolio.roster, dossier, settings)  # noqa: B023 (used now)

        # A document without a digest (built in memory, not loaded) cannot be told apart from another.
        if all(doc.digest for doc in [*roster, *dossier.documents()]):
            # File names of every kind, loaded or not, are ids references resolve against (AP202).
            names = digest(sorted(f"{kind}:{stem}" for kind, stems in dossier.stems.items() for stem in stems))
            found += memo.get((build, dossier_key(dossier), names), check)
        else:
            found += check()
    return found
