"""The dossiers' problems in the build's log: every one in a build, only what a save changed in a server.

At N=1000 the corpus has about 11,000 warnings and notes. ``mkdocs serve`` logged them all again after
every save: 0.2 s of a save's second went on writing lines nobody reads, and the one line the save
caused was lost among them. After a server's first build a rebuild logs each error (the site is
still wrong), the warnings and notes that are new, and one line counting those unchanged and gone.
Every page still shows its findings. ``--strict`` counts warnings per build, so it gets them all.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from ..translate import t as _t
from ..translate.output import one_line

DOSSIER_LOG = "mkdocs.plugins.accountplan.dossiers"
log = logging.getLogger(DOSSIER_LOG)


class Reporter:
    """Logs a build's diagnostics; remembers the last build's when rebuilds log only the changes."""

    def __init__(self) -> None:
        self.shown: frozenset[Diagnostic] | None = None
        """The warnings and notes the last build logged or counted; ``None`` before a server's first build."""

    def report(self, diagnostics: Sequence[Diagnostic], lang: str, *, changes_only: bool) -> None:
        """Log ``diagnostics`` in ``lang``: all of them, or (``changes_only`` after a first build) as above."""
        before = self.shown if changes_only else None
        now = frozenset(d for d in diagnostics if d.severity is not Severity.ERROR)
        self.shown = now if changes_only else None
        for diagnostic in diagnostics:
            if before is None or diagnostic.severity is Severity.ERROR or diagnostic not in before:
                _LOG[diagnostic.severity](one_line(diagnostic, lang))
        if before is not None:
            log.info(_t("{same} warning(s) and note(s) as in the last build, not repeated (each page shows its "
                       "findings); {gone} gone", lang, same=len(now & before), gone=len(before - now)))


_LOG = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}
