"""The dossiers' problems in the build's log: every one in a build, only what a save changed in a server.

At N=1000 the corpus has about 11,000 warnings and notes. ``mkdocs serve`` logged them all again after
every save: 0.2 s of a save's second went on writing lines nobody reads, and the one line the save
caused was lost among them. After a server's first build a rebuild logs each error (the site is
still wrong), the warnings and notes that are new, and one line counting those unchanged and gone.
Every page still shows its findings. ``--strict`` counts warnings per build, so it gets them all.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from ..translate import t as _t
from ..translate.output import one_line

DOSSIER_LOG = "mkdocs.plugins.accountplan.dossiers"
log = logging.getLogger(DOSSIER_LOG)


Finding = tuple[str, str, Severity, str]
"""What makes a warning or note the same one after a save: its file, code, severity and message, not its line
(a line added above it moves it without changing it)."""


class Reporter:
    """Logs a build's diagnostics; remembers the last build's when rebuilds log only the changes."""

    def __init__(self) -> None:
        self.shown: Counter[Finding] | None = None
        """The warnings and notes the last build logged or counted; ``None`` before a server's first build."""

    def report(self, diagnostics: Sequence[Diagnostic], lang: str, *, changes_only: bool) -> None:
        """Log ``diagnostics`` in ``lang``: all of them, or (``changes_only`` after a first build) as above."""
        before = Counter(self.shown) if changes_only and self.shown is not None else None
        now = Counter(_finding(d) for d in diagnostics if d.severity is not Severity.ERROR)
        self.shown = now if changes_only else None
        same = 0
        for diagnostic in diagnostics:
            if before is not None and diagnostic.severity is not Severity.ERROR:
                finding = _finding(diagnostic)
                if before[finding] > 0:
                    before[finding] -= 1
                    same += 1
                    continue
            _LOG[diagnostic.severity](one_line(diagnostic, lang))
        if before is not None:
            log.info(_t("{same} warning(s) and note(s) as in the last build, not repeated (each page shows its "
                       "findings); {gone} gone", lang, same=same, gone=before.total()))


def _finding(diagnostic: Diagnostic) -> Finding:
    return diagnostic.path, diagnostic.code, diagnostic.severity, diagnostic.message


_LOG = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}
