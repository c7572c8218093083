"""Each account's computed history kept between builds, so a new commit recomputes only what it touched.

An account's history depends on its versions (named by their commits' ids: a commit id
stands for all history before it), its present dossier as loaded and as shown, the roster,
the settings (the "as of" date among them), the profile's level and the code. The key is a
hash of all of these; a pack on disk holds the results of the last build, as the blob cache
(:class:`.versions.BlobCache`) holds its parses.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from ..model.keys import digest, dossier_key, sources_digest
from ..model.portfolio import Dossier, Portfolio
from .packs import read_grown, write_grown
from .versions import History, Lineage

FORMAT = "2"


@cache
def code_version() -> str:
    """Hash of the code a history result comes from."""
    package = Path(__file__).resolve().parent.parent
    folders = ("history", "score", "model", "load", "redact")
    sources = [p for f in folders for p in sorted((package / f).glob("*.py"))]
    sources += [package / "edit" / name for name in ("change.py", "diff.py", "diff_work.py")]
    sources.append(package / "config" / "__init__.py")
    return sources_digest(FORMAT, sources)


def account_key(history: History, lineage: Lineage, shown: Dossier, full: Dossier | None, portfolio: Portfolio,
                common: str) -> str:
    """What one account's history depends on, hashed (``common``: settings and level)."""
    parts = [common, shown.slug, dossier_key(shown), dossier_key(full) if full else "-",
             portfolio.roster.digest if portfolio.roster else "-"]
    parts += [history.commits[v.index].sha for v in lineage.versions]
    return digest(parts)


class ResultCache:
    """Results by key: read from the pack on first use, written back when something new was computed.

    The pack grows by the results computed since it was written (:func:`.packs.write_grown`); when it is
    written whole, only the results this build used are kept.
    """

    def __init__(self, folder: str | None) -> None:
        self.path = os.path.join(folder, f"movement-{code_version()}.pickle") if folder else None
        self.kept: dict[str, Any] | None = None
        self.base: dict[str, Any] = {}
        self.added: dict[str, Any] = {}
        self.fresh: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        """The kept result for ``key``, or ``None``."""
        if self.kept is None:
            self.kept = self._load()
        return self.kept.get(key)

    def put(self, key: str, value: Any) -> None:
        """Remember a newly computed result."""
        self.fresh[key] = value

    def save(self, used: set[str]) -> None:
        """Write the results computed now, when any was new (beside the kept ones, or all this build used)."""
        if not self.fresh:
            return
        added = {**self.added, **self.fresh}
        whole = {k: v for k, v in {**(self.kept or {}), **self.fresh}.items() if k in used}
        write_grown(self.path, self.base, ({"results": added}, len(added)), ({"results": whole}, len(whole)))

    def _load(self) -> dict[str, Any]:
        self.base, added = read_grown(self.path)
        kept, more = self.base.get("results"), added.get("results")
        if not isinstance(kept, dict):
            self.base = {}
            return {}
        self.added = more if isinstance(more, dict) else {}
        return {**kept, **self.added}
