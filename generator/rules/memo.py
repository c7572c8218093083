"""Per-dossier rule results kept in memory between checks of one long-running process.

``mkdocs serve --dirty`` validates the whole portfolio again after every save, though most
dossiers did not change. :class:`RuleMemo`, passed to :func:`generator.rules.validate`, keeps
each dossier's per-dossier rule diagnostics under what they depend on — the content digests
and paths of the dossier's files, the ids of its contact files, the roster's digest and the
settings (today's date included) — and checks again only the dossiers whose key changed.
Cross-account rules and roster.yml's own checks are cheap and always run.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from ..config import Settings
from ..diagnostics import Diagnostic
from ..load.document import Document
from ..load.portfolio import Portfolio
from .base import documents


class RuleMemo:
    """Per-dossier diagnostics of the previous :func:`~generator.rules.validate` call, by slug and inputs."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[Hashable, list[Diagnostic]]] = {}
        self.checked: list[str] = []
        """Slugs of the dossiers the last call checked (rather than re-used), in slug order."""

    def diagnostics(self, portfolio: Portfolio, settings: Settings) -> list[Diagnostic]:
        """Every dossier's per-dossier diagnostics, re-using those whose inputs are unchanged.

        Only this call's dossiers are kept afterwards, so the memo never outgrows the portfolio.
        """
        from . import dossier_diagnostics

        build = (repr(settings), _digests([portfolio.roster] if portfolio.roster else []))
        kept: dict[str, tuple[Hashable, list[Diagnostic]]] = {}
        self.checked = []
        found: list[Diagnostic] = []
        for dossier in portfolio.dossiers:
            files = _digests(documents(dossier))
            key = (build, dossier.folder, files, tuple(sorted(dossier.contact_ids)))
            old = self._kept.get(dossier.slug)
            if old is not None and old[0] == key and files is not None and build[1] is not None:
                diagnostics = old[1]
            else:
                diagnostics = dossier_diagnostics(portfolio.root, portfolio.roster, dossier, settings)
                self.checked.append(dossier.slug)
            kept[dossier.slug] = (key, diagnostics)
            found += diagnostics
        self._kept = kept
        return found


def _digests(docs: list[Document[Any]]) -> tuple[tuple[str, str], ...] | None:
    """``(path, content digest)`` of each document; ``None`` when one has no digest (then nothing is re-used)."""
    if not all(doc.digest for doc in docs):
        return None
    return tuple((doc.path, doc.digest) for doc in docs)

