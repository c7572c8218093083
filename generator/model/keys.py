"""Content keys: short hashes of what a dossier, a list of strings or a body of code is.

Every cache of the pipeline (:mod:`generator.incremental`, and the git history's own) keys its
results by content, never by name or time, so a result is reused exactly when its inputs are
the same bytes. The keys live here, below the stages, because both the caches and the stages
that keep their own (:mod:`generator.history`) compute them.
"""

from __future__ import annotations

import hashlib
import sys
import weakref
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .portfolio import Dossier

FORMAT = "2"
"""Bumped when the load cache's pack layout changes (part of :func:`cache_version`)."""

RACY_NS = 2_000_000_000
"""Files modified this close to being looked at are read again next time (coarse clock ticks): a second
write in the same tick could keep a file's stat, so a stat this fresh cannot stand for its content."""

_PACKAGE = Path(__file__).resolve().parent.parent


def content_digest(raw: bytes) -> str:
    """A file's content digest, as a loaded :attr:`Document.digest <generator.model.document.Document.digest>` holds
    it and the load cache keys the file by (the file keys' child computes the same: ``incremental/file_keys.py``)."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def name_digest(text: str, size: int) -> str:
    """A short hex name for ``text`` (a path, perhaps with bytes that are not UTF-8: they are hashed as they are)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=size).hexdigest()


def digest(parts: list[str]) -> str:
    """A short hash of ``parts`` (joined with a separator no part holds)."""
    return hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def dossier_key(dossier: Dossier) -> str:
    """What a dossier's content is: its slug, folder, the path and digest of each file, and its contact ids.

    Digests are content hashes of the files (for a redacted copy, of the content and the
    level), so two dossiers with the same key were loaded from the same bytes. A dossier is
    not changed once assembled, so its key is computed once per object: redaction, both
    scorings, the rules and the page memos all ask, and a memoized redacted copy lives on
    from build to build.
    """
    known = _keys.get(id(dossier))
    if known is not None and known[0]() is dossier:
        return known[1]
    parts = [dossier.slug, dossier.folder, *sorted(dossier.contact_ids)]
    parts += [f"{doc.path}|{doc.digest}" for doc in [*dossier.documents(), *dossier.partial]]
    key = digest(parts)
    ident = id(dossier)
    # Weak: the entry goes when its dossier does, so a new object with the same id never finds it.
    _keys[ident] = (weakref.ref(dossier, lambda _ref: _forget(ident, _ref)), key)
    return key


_keys: dict[int, tuple[weakref.ref[Dossier], str]] = {}
"""Each live dossier's key, by object id."""


def _forget(ident: int, ref: weakref.ref[Any], table: dict[int, tuple[weakref.ref[Any], str]] = _keys) -> None:
    known = table.get(ident)
    if known is not None and known[0] is ref:
        del table[ident]


def frozen_repr(value: object) -> str:
    """``repr(value)`` of a frozen object (a diagnostic, a scorecard), worked out once while the object lives.

    A server's page keys name every account's findings and every person's scorecard; the memos hand the same
    objects back while their inputs are unchanged, so their text is not made again on every save. A list is
    the list's ``repr`` of its items'; an object that takes no weak reference is not kept.
    """
    if isinstance(value, list):
        return "[" + ", ".join(map(frozen_repr, value)) + "]"
    ident = id(value)
    known = _reprs.get(ident)
    if known is not None and known[0]() is value:
        return known[1]
    text = repr(value)
    try:
        ref: weakref.ref[Any] = weakref.ref(value, lambda ref: _forget(ident, ref, _reprs))
    except TypeError:
        return text
    _reprs[ident] = (ref, text)
    return text


_reprs: dict[int, tuple[weakref.ref[Any], str]] = {}
"""The text of each live object :func:`frozen_repr` was asked about, by object id."""


@cache
def cache_version() -> str:
    """Hash of the code whose output is cached: loader, model, diagnostics (and the control characters
    ``neutralise`` refuses while loading), the load cache itself, and Python's version."""
    sources = [_PACKAGE / "diagnostics.py", _PACKAGE / "neutralise.py", *sorted((_PACKAGE / "load").glob("*.py")),
               *sorted((_PACKAGE / "model").glob("*.py")), _PACKAGE / "incremental" / "load.py",
               _PACKAGE / "incremental" / "load_blobs.py"]
    return sources_digest(f"{FORMAT}|{sys.version}", sources)


def sources_digest(head: str, sources: Iterable[Path]) -> str:
    """A short hash of ``head`` and the path (within the package) and bytes of each file in ``sources``."""
    hashed = hashlib.blake2b(head.encode(), digest_size=8)
    for source in sources:
        hashed.update(str(source.resolve().relative_to(_PACKAGE)).encode("utf-8", "surrogatepass"))
        hashed.update(source.read_bytes())
    return hashed.hexdigest()
