"""Sensitivity labels and build profiles: a copy of the portfolio holding only what one audience may read.

Levels are ``public`` < ``internal`` < ``restricted``. A value's level is the highest of:

- its container's level (the document root counts as ``internal``),
- its field's default from the model (``fld(..., sensitivity=...)``, e.g. the gifts register),
- its own ``sensitivity`` label, for entries that carry one (contacts, activities, sources,
  gifts, personal blocks).

So a label can tighten what it sits in but never loosen it: a gift labelled ``internal``
inside the restricted register is still restricted. :func:`redact` removes everything
above the profile's level from a copy, then repairs what pointed at it: references
to a hidden contact or source are dropped (a reporting line skips to the hidden person's
own manager, so the relationship map stays connected), an entry that cannot exist
without a hidden contact (a gift's recipient) goes with it, and the contact's or
activity's Markdown body goes with its file. Positions are renumbered so diagnostics
about the copy still point at the right lines. The copy shares every object redaction leaves
unchanged with the original (see :func:`_redact_dossier`), so nothing may change loaded data in place.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..config import Settings
from ..diagnostics import Diagnostic, Loc
from ..model import Contact
from ..model.document import Document, Positions
from ..model.portfolio import Dossier, Portfolio
from ..model.spec import SENSITIVITY_ORDER
from .levels import DEFAULT_PROFILE_LEVEL as DEFAULT_PROFILE_LEVEL
from .levels import ROOT_LEVEL as ROOT_LEVEL
from .levels import level_of as level_of
from .levels import profile_level as profile_level
from .prune import Lines, own_level, pruned, renumber, scrubbed


@dataclass
class Redaction:
    """A redacted portfolio and a record of what was taken out, to filter diagnostics."""

    portfolio: Portfolio
    level: str
    removed_paths: set[str] = field(default_factory=set)
    """Files whose whole content is hidden."""
    removed_locs: dict[str, set[Loc]] = field(default_factory=dict)
    """Per file, the original loc paths hidden or changed (``("body",)`` for the Markdown body)."""
    removed_words: set[str] = field(default_factory=set)
    """Ids and names of hidden contacts and sources, which must not leak through messages."""

    def visible(self, diagnostic: Diagnostic) -> bool:
        """Whether a diagnostic about the full portfolio may be shown in this profile's output."""
        if diagnostic.path in self.removed_paths:
            return False
        loc = diagnostic.loc
        for hidden in self.removed_locs.get(diagnostic.path, ()):
            if loc[: len(hidden)] == hidden:
                return False
        text = f"{diagnostic.message} {diagnostic.hint}"
        return not any(word in text for word in self.removed_words)

    @property
    def dossier(self) -> Dossier | None:
        """The redacted copy of the one dossier :func:`redact_dossier` was given (``None``: nothing of it shows)."""
        return self.portfolio.dossiers[0] if self.portfolio.dossiers else None

    def filter(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics this profile may show, in their order."""
        return [d for d in diagnostics if self.visible(d)]


def redact(portfolio: Portfolio, max_level: str) -> Portfolio:
    """A copy of ``portfolio`` without anything labelled above ``max_level`` (sharing what is unchanged)."""
    return redaction(portfolio, max_level).portfolio


RedactOne = Callable[[Dossier, str], Redaction]
"""How one dossier is redacted to a level: :func:`redact_dossier`, or a function that gives what it gives."""


def apply_profile(portfolio: Portfolio, settings: Settings, profile: str | None,
                  each: RedactOne | None = None) -> Redaction:
    """Redact ``portfolio`` for the named build profile (``None``: the default, internal).

    The MkDocs plugin calls this once, right after loading and validating and before any
    page, search index or sitemap exists, and renders only from the result. ``each``: see
    :func:`redaction`.
    """
    return redaction(portfolio, profile_level(settings, profile), each)


def redaction(portfolio: Portfolio, max_level: str, each: RedactOne | None = None) -> Redaction:
    """Redact ``portfolio`` to ``max_level`` and report what was removed.

    With ``each`` (the incremental package passes one that keeps unchanged dossiers' copies), the
    dossiers are redacted one at a time by it, as :func:`redact_dossier` does: redaction works on
    one dossier at a time, so a dossier whose files did not change redacts to the same copy.
    """
    limit = level_of(max_level)
    root = level_of(ROOT_LEVEL)
    result = Portfolio(portfolio.root, portfolio.roster, [], list(portfolio.diagnostics))
    red = Redaction(result, max_level)
    if root > limit:
        # Below the root level nothing of any file may be shown.
        red.removed_paths.update(_all_paths(portfolio))
        result.roster = None
    elif each is None:
        result.dossiers = [_redact_dossier(dossier, limit, red) for dossier in portfolio.dossiers]
    else:
        for dossier in portfolio.dossiers:
            _merge(red, each(dossier, max_level))
    result.diagnostics = red.filter(result.diagnostics)
    return red


def redact_dossier(dossier: Dossier, max_level: str) -> Redaction:
    """One dossier redacted to ``max_level``, its copy in ``.dossier``: redaction's unit, for rules and history.

    Redaction never reads across dossiers, so this is what :func:`redaction` does to each of a portfolio's.
    """
    return redaction(Portfolio("", None, [dossier], []), max_level)


def _merge(red: Redaction, part: Redaction) -> None:
    """Add one dossier's redaction (:data:`RedactOne`) to the portfolio's."""
    red.portfolio.dossiers.extend(part.portfolio.dossiers)
    red.removed_paths.update(part.removed_paths)
    for path, locs in part.removed_locs.items():
        red.removed_locs.setdefault(path, set()).update(locs)
    red.removed_words.update(part.removed_words)


def _all_paths(portfolio: Portfolio) -> set[str]:
    paths = {portfolio.roster.path} if portfolio.roster else set()
    for dossier in portfolio.dossiers:
        paths.update(doc.path for doc in dossier.documents())
    return paths


def _redact_dossier(original: Dossier, limit: int, red: Redaction) -> Dossier:
    """The redacted copy of one dossier; ``original`` and everything it holds are left as they are.

    The copy shares whatever redaction leaves unchanged with the original (structural sharing): its
    own :class:`Dossier`, lists, sets and :class:`Document` wrappers (each gets a new digest), but the
    same data objects wherever nothing in them is hidden, and a changed object is a shallow copy of
    the original with only the changed fields replaced (:func:`_with`). So no stage may change a
    loaded value in place: the full portfolio and every profile's copy may hold the same object.
    """
    dossier = copy.copy(original)
    known_before = _known_ids(dossier)
    root = level_of(ROOT_LEVEL)
    kept_contacts: list[Document[Contact]] = []
    for doc in dossier.contacts:
        if own_level(doc.data, root) > limit:
            red.removed_paths.add(doc.path)
            red.removed_words.update({doc.data.id, doc.data.name})
            continue
        kept_contacts.append(doc)
    hidden_contacts = {doc.data.id: doc.data for doc in dossier.contacts if doc.path in red.removed_paths}
    dossier.contacts = kept_contacts
    unreadable = _unreadable_contacts(dossier, limit)
    if unreadable:
        # Their files' own diagnostics (whose paths hold the id) stay in the log, off the pages.
        contacts = os.path.join(os.path.dirname(dossier.account.path), "contacts")
        red.removed_paths.update(os.path.join(contacts, f"{cid}.md") for cid in unreadable)
        red.removed_words.update(unreadable)
    dossier.contact_ids = dossier.contact_ids - (set(hidden_contacts) | unreadable)
    dossier.activities = [doc for doc in dossier.activities if not _hidden(doc, root, limit, red)]
    dossier.opportunities = [doc for doc in dossier.opportunities if not _hidden(doc, root, limit, red)]
    dossier.actions = [doc for doc in dossier.actions if not _hidden(doc, root, limit, red)]
    # File names by kind served validation; after redaction only the kept files' names remain (fail closed).
    dossier.stems = {"contact": set(dossier.contact_ids), **{kind: {_stem(doc.path) for doc in docs} for kind, docs in (
        ("activity", dossier.activities), ("opportunity", dossier.opportunities), ("action", dossier.actions))}}
    _each_document(dossier, lambda doc: _pruned_document(doc, limit, red))
    known_after = _known_ids(dossier)
    gone = {kind: ids - known_after.get(kind, set()) for kind, ids in known_before.items()}
    red.removed_words.update(gone.get("source", set()))
    if any(gone.values()):  # else no reference can name what went: the walk would give every file back as it is
        lines = Lines(hidden_contacts, known_after["contact"])
        for any_doc in dossier.documents():
            _scrub_references(any_doc, gone, lines, red)
    return dossier


def _each_document(dossier: Dossier, change: Callable[[Document[Any]], Document[Any]]) -> None:
    """Replace each document of the dossier (account, contacts, activities, opportunities, actions) by ``change``'s."""
    dossier.account = change(dossier.account)
    dossier.contacts = [change(doc) for doc in dossier.contacts]
    dossier.activities = [change(doc) for doc in dossier.activities]
    dossier.opportunities = [change(doc) for doc in dossier.opportunities]
    dossier.actions = [change(doc) for doc in dossier.actions]


def _stem(path: str) -> str:
    """A file's name without ``.md``: the id it defines."""
    return os.path.splitext(os.path.basename(path))[0]


def _hidden(doc: Document[Any], root: int, limit: int, red: Redaction) -> bool:
    """Whether a whole file (activity, opportunity) is above ``limit``; its path is then recorded as removed."""
    if own_level(doc.data, root) > limit:
        red.removed_paths.add(doc.path)
        return True
    return False


def _unreadable_contacts(dossier: Dossier, limit: int) -> set[str]:
    """Ids of contact files that did not load, when the profile does not see every level.

    Their label could not be read, so they might be restricted: a profile below the top
    level treats them as hidden (fail closed), and references to them are dropped like
    references to any hidden contact. The file's error is in the build log.
    """
    if limit >= max(SENSITIVITY_ORDER.values()):
        return set()
    return dossier.contact_ids - {doc.data.id for doc in dossier.contacts}


def _known_ids(dossier: Dossier) -> dict[str, set[str]]:
    account = dossier.account.data
    return {
        "contact": set(dossier.contact_ids),
        "opportunity": {doc.data.id for doc in dossier.opportunities},
        "activity": {_stem(doc.path) for doc in dossier.activities},
        "source": {s.id for s in account.sources},
        "plan": {p.id for p in account.plans},
        "initiative": {i.id for i in account.initiatives},
    }


def _pruned_document(doc: Document[Any], limit: int, red: Redaction) -> Document[Any]:
    """A copy of ``doc`` without fields and entries above ``limit``, positions renumbered, its data shared if whole."""
    removed: list[Loc] = []
    index_maps: dict[Loc, dict[int, int]] = {}
    copied = copy.copy(doc)
    copied.data, _ = pruned(doc.data, level_of(ROOT_LEVEL), limit, (), removed, index_maps)
    _forget(copied, removed, index_maps, red)
    # A cache keyed by content must never hand a redacted page the full one's output.
    copied.digest = hashlib.blake2b(f"{doc.digest}:{red.level}".encode(), digest_size=16).hexdigest()
    return copied


def _scrub_references(doc: Document[Any], gone: dict[str, set[str]], lines: Lines, red: Redaction) -> None:
    """Drop references to hidden ids from a document of the copy; entries that require one go with it."""
    removed: list[Loc] = []
    index_maps: dict[Loc, dict[int, int]] = {}
    doc.data, _ = scrubbed(doc.data, gone, lines, (), removed, index_maps)
    _forget(doc, removed, index_maps, red)


def _forget(doc: Document[Any], removed: list[Loc], index_maps: dict[Loc, dict[int, int]], red: Redaction) -> None:
    """Record what went and re-key the positions: gone values lose theirs, list items move up."""
    if not removed and not index_maps:
        return
    red.removed_locs.setdefault(doc.path, set()).update(removed)
    gone = set(removed)
    kept = {loc: at for loc, at in doc.positions.items()
            if not any(loc[:depth] in gone for depth in range(1, len(loc) + 1))}
    doc.positions = Positions(renumber(kept, index_maps))


