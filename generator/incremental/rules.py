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

from collections.abc import Callable

from ..config import Settings
from ..diagnostics import Diagnostic
from ..memo import Memo, digest, dossier_key
from ..model.document import Document
from ..model.portfolio import Dossier, Portfolio
from ..model.roster import Roster

Check = Callable[[str, Document[Roster] | None, Dossier, Settings], list[Diagnostic]]
"""How one dossier is checked: :func:`generator.rules.dossier_diagnostics`."""


def memoized_dossier_diagnostics(portfolio: Portfolio, settings: Settings,
                                 memo: Memo[list[Diagnostic]], dossier_diagnostics: Check) -> list[Diagnostic]:
    """Every dossier's per-dossier diagnostics, re-using those of the previous call whose inputs are unchanged."""
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
