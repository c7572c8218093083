"""Per-dossier rule results kept between checks: in a long-running process's memory, or carried in the user's cache.

``mkdocs serve --dirty`` validates the whole portfolio again after every save, though most
dossiers did not change. Given a :class:`~.memo.Memo`, :func:`validate` keeps each dossier's
per-dossier rule diagnostics under what they depend on — the dossier's
:func:`~generator.model.keys.dossier_key` (paths and content digests of its files, its contact ids) and the
names of all its files (a file that does not load still defines an id),
the roster's digest and the settings, today's date included — and only dossiers whose key
changed are checked again. Cross-account rules and roster.yml's own checks are cheap and
always run.
"""

from __future__ import annotations

from .. import rules
from ..config import Settings
from ..diagnostics import Diagnostic
from ..model.document import Document
from ..model.keys import digest, dossier_key
from ..model.portfolio import Dossier, Portfolio
from ..model.roster import Roster
from .memo import Memo


def validate(portfolio: Portfolio, settings: Settings, memo: Memo[list[Diagnostic]]) -> list[Diagnostic]:
    """:func:`generator.rules.validate`, re-using the per-dossier diagnostics of the previous call whose inputs
    are unchanged."""
    memo.start()
    roster = [portfolio.roster] if portfolio.roster else []
    build = digest([repr(settings), *(f"{doc.path}|{doc.digest}" for doc in roster)])
    told_apart = all(doc.digest for doc in roster)

    def check(root: str, roster: Document[Roster] | None, dossier: Dossier, settings: Settings) -> list[Diagnostic]:
        def fresh() -> list[Diagnostic]:
            return rules.dossier_diagnostics(root, roster, dossier, settings)

        # A document without a digest (built in memory, not loaded) cannot be told apart from another.
        if not told_apart or not all(doc.digest for doc in dossier.documents()):
            return fresh()
        # File names of every kind, loaded or not, are ids references resolve against (AP202).
        names = digest(sorted(f"{kind}:{stem}" for kind, stems in dossier.stems.items() for stem in stems))
        return memo.get((build, dossier_key(dossier), names), fresh)

    return rules.validate(portfolio, settings, check)
