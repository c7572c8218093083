"""Sensitivity labels and build profiles: a copy of the portfolio holding only what one audience may read.

Levels are ``public`` < ``internal`` < ``restricted``. A value's level is the highest of:

- its container's level (the document root counts as ``internal``),
- its field's default from the model (``fld(..., sensitivity=...)``, e.g. the gifts register),
- its own ``sensitivity`` label, for entries that carry one (contacts, activities, sources,
  gifts, personal blocks).

So a label can tighten what it sits in but never loosen it: a gift labelled ``internal``
inside the restricted register is still restricted. :func:`redact` removes everything
above the profile's level from a deep copy, then repairs what pointed at it: references
to a hidden contact or source are dropped (a reporting line skips to the hidden person's
own manager, so the relationship map stays connected), an entry that cannot exist
without a hidden contact (a gift's recipient) goes with it, and the contact's or
activity's Markdown body goes with its file. Positions are renumbered so diagnostics
about the copy still point at the right lines.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..config import Settings
from ..diagnostics import Diagnostic, Loc
from ..model import Contact
from ..model.document import Document, Positions
from ..model.portfolio import Dossier, Portfolio, copy_portfolio
from ..model.spec import SENSITIVITY_ORDER
from .levels import DEFAULT_PROFILE_LEVEL as DEFAULT_PROFILE_LEVEL
from .levels import ROOT_LEVEL as ROOT_LEVEL
from .levels import level_of as level_of
from .levels import profile_level as profile_level


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
    """A deep copy of ``portfolio`` without anything labelled above ``max_level``."""
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
    if each is not None and level_of(ROOT_LEVEL) <= limit:
        return _redaction_by_dossier(portfolio, max_level, each)
    result = copy_portfolio(portfolio)
    red = Redaction(result, max_level)
    root = level_of(ROOT_LEVEL)
    if root > limit:
        # Below the root level nothing of any file may be shown.
        red.removed_paths.update(_all_paths(result))
        result.dossiers = []
        result.roster = None
    for dossier in result.dossiers:
        _redact_dossier(dossier, limit, red)
    result.diagnostics = red.filter(result.diagnostics)
    return red


def redact_dossier(dossier: Dossier, max_level: str) -> Redaction:
    """One dossier redacted to ``max_level``, its copy in ``.dossier``: redaction's unit, for rules and history.

    Redaction never reads across dossiers, so this is what :func:`redaction` does to each of a portfolio's.
    """
    return redaction(Portfolio("", None, [dossier], []), max_level)


def _redaction_by_dossier(portfolio: Portfolio, max_level: str, each: RedactOne) -> Redaction:
    """:func:`redaction`, one dossier at a time by ``each``; the roster and load diagnostics are copied as before."""
    result = copy_portfolio(Portfolio(portfolio.root, portfolio.roster, [], list(portfolio.diagnostics)))
    red = Redaction(result, max_level)
    for dossier in portfolio.dossiers:
        part = each(dossier, max_level)
        result.dossiers.extend(part.portfolio.dossiers)
        red.removed_paths.update(part.removed_paths)
        for path, locs in part.removed_locs.items():
            red.removed_locs.setdefault(path, set()).update(locs)
        red.removed_words.update(part.removed_words)
    result.diagnostics = red.filter(result.diagnostics)
    return red


def _all_paths(portfolio: Portfolio) -> set[str]:
    paths = {portfolio.roster.path} if portfolio.roster else set()
    for dossier in portfolio.dossiers:
        paths.update(doc.path for doc in dossier.documents())
    return paths


def _redact_dossier(dossier: Dossier, limit: int, red: Redaction) -> None:
    known_before = _known_ids(dossier)
    root = level_of(ROOT_LEVEL)
    kept_contacts: list[Document[Contact]] = []
    for doc in dossier.contacts:
        if _own_level(doc.data, root) > limit:
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
    dossier.contact_ids -= set(hidden_contacts) | unreadable
    dossier.activities = [doc for doc in dossier.activities if not _hidden(doc, root, limit, red)]
    dossier.opportunities = [doc for doc in dossier.opportunities if not _hidden(doc, root, limit, red)]
    dossier.actions = [doc for doc in dossier.actions if not _hidden(doc, root, limit, red)]
    # File names by kind served validation; after redaction only the kept files' names remain (fail closed).
    dossier.stems = {"contact": set(dossier.contact_ids), **{kind: {_stem(doc.path) for doc in docs} for kind, docs in (
        ("activity", dossier.activities), ("opportunity", dossier.opportunities), ("action", dossier.actions))}}
    for any_doc in dossier.documents():
        _prune_document(any_doc, limit, red)
    known_after = _known_ids(dossier)
    gone = {kind: ids - known_after.get(kind, set()) for kind, ids in known_before.items()}
    red.removed_words.update(gone.get("source", set()))
    lines = _Lines(hidden_contacts, known_after["contact"])
    for any_doc in dossier.documents():
        _scrub_references(any_doc, gone, lines, red)


def _stem(path: str) -> str:
    """A file's name without ``.md``: the id it defines."""
    return os.path.splitext(os.path.basename(path))[0]


def _hidden(doc: Document[Any], root: int, limit: int, red: Redaction) -> bool:
    """Whether a whole file (activity, opportunity) is above ``limit``; its path is then recorded as removed."""
    if _own_level(doc.data, root) > limit:
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


def _own_level(obj: Any, inherited: int) -> int:
    """Level of an entry: its container's, raised by its own label."""
    label = getattr(obj, "sensitivity", None)
    return max(inherited, level_of(label)) if isinstance(label, str) else inherited


def _prune_document(doc: Document[Any], limit: int, red: Redaction) -> None:
    """Remove fields and entries above ``limit`` in place, then renumber positions."""
    removed: list[Loc] = []
    index_maps: dict[Loc, dict[int, int]] = {}
    _prune(doc.data, level_of(ROOT_LEVEL), limit, (), removed, index_maps)
    _forget(doc, removed, index_maps, red)
    # A cache keyed by content must never hand a redacted page the full one's output.
    doc.digest = hashlib.blake2b(f"{doc.digest}:{red.level}".encode(), digest_size=16).hexdigest()


def _prune(obj: Any, level: int, limit: int, loc: Loc, removed: list[Loc],
           index_maps: dict[Loc, dict[int, int]]) -> bool:
    """Prune ``obj`` in place; ``False`` when a required field had to go, so ``obj`` must go too."""
    for f in dataclasses.fields(obj):
        if f.name == "sensitivity":
            continue
        here = (*loc, f.name)
        label = f.metadata.get("sensitivity")
        field_level = max(level, level_of(label)) if label else level
        value = getattr(obj, f.name)
        if field_level > limit:
            if not _reset(obj, f):
                return False
            if value not in (None, []):
                removed.append(here)
            continue
        if isinstance(value, list):
            def keep(i: int, item: Any, at: Loc = here, level: int = field_level) -> bool:
                return not dataclasses.is_dataclass(item) or (
                    _own_level(item, level) <= limit
                    and _prune(item, _own_level(item, level), limit, (*at, i), removed, index_maps))

            _filter_list(obj, f.name, keep, here, removed, index_maps)
        elif dataclasses.is_dataclass(value):
            inner = _own_level(value, field_level)
            if inner > limit or not _prune(value, inner, limit, here, removed, index_maps):
                removed.append(here)
                if not _reset(obj, f):
                    return False
    return True


def _filter_list(obj: Any, name: str, keep: Callable[[int, Any], bool], loc: Loc, removed: list[Loc],
                 index_maps: dict[Loc, dict[int, int]]) -> None:
    """Keep the items of list field ``name`` that ``keep`` accepts, recording the rest and the new indexes."""
    value = getattr(obj, name)
    kept: list[Any] = []
    mapping: dict[int, int] = {}
    for i, item in enumerate(value):
        if not keep(i, item):
            removed.append((*loc, i))
            continue
        mapping[i] = len(kept)
        kept.append(item)
    if len(kept) != len(value):
        index_maps[loc] = mapping
        setattr(obj, name, kept)


def _reset(obj: Any, f: dataclasses.Field[Any]) -> bool:
    """Set a field back to its empty default; ``False`` when the field is required."""
    if f.default is not dataclasses.MISSING:
        setattr(obj, f.name, f.default)
    elif f.default_factory is not dataclasses.MISSING:
        setattr(obj, f.name, f.default_factory())
    else:
        return False
    return True


def _renumber(positions: dict[Loc, tuple[int, int]], index_maps: dict[Loc, dict[int, int]]
              ) -> dict[Loc, tuple[int, int]]:
    """Positions keyed by the pruned data's locs; positions of removed items dropped."""
    if not index_maps:
        return positions
    result = {}
    for loc, position in positions.items():
        new: list[str | int] = []
        for depth, part in enumerate(loc):
            mapping = index_maps.get(loc[:depth])
            if mapping is not None and isinstance(part, int):
                if part not in mapping:
                    break
                part = mapping[part]
            new.append(part)
        else:
            result[tuple(new)] = position
    return result


@dataclass(frozen=True)
class _Lines:
    """What the skip-level repair of reporting lines needs: the hidden contacts and the ids still shown."""

    hidden: dict[str, Contact]
    shown: set[str]


def _scrub_references(doc: Document[Any], gone: dict[str, set[str]], lines: _Lines, red: Redaction) -> None:
    """Drop references to hidden ids; entries that require one go with it."""
    removed: list[Loc] = []
    index_maps: dict[Loc, dict[int, int]] = {}
    _scrub(doc.data, gone, lines, (), removed, index_maps)
    _forget(doc, removed, index_maps, red)


def _forget(doc: Document[Any], removed: list[Loc], index_maps: dict[Loc, dict[int, int]], red: Redaction) -> None:
    """Record what went and re-key the positions: gone values lose theirs, list items move up."""
    if not removed and not index_maps:
        return
    red.removed_locs.setdefault(doc.path, set()).update(removed)
    gone = set(removed)
    kept = {loc: at for loc, at in doc.positions.items()
            if not any(loc[:depth] in gone for depth in range(1, len(loc) + 1))}
    doc.positions = Positions(_renumber(kept, index_maps))


def _scrub(obj: Any, gone: dict[str, set[str]], lines: _Lines, loc: Loc,
           removed: list[Loc], index_maps: dict[Loc, dict[int, int]]) -> bool:
    for f in dataclasses.fields(obj):
        here = (*loc, f.name)
        kind = f.metadata.get("ref")
        hidden = gone.get(kind, set()) if kind else set()
        value = getattr(obj, f.name)
        if isinstance(value, str) and value in hidden:
            removed.append(here)
            if f.name == "reports_to":
                setattr(obj, f.name, _visible_manager(value, hidden, lines))
            elif not _reset(obj, f):
                return False
        elif isinstance(value, list):
            def keep(i: int, item: Any, at: Loc = here, ids: set[str] = hidden) -> bool:
                if isinstance(item, str):
                    return item not in ids
                return not dataclasses.is_dataclass(item) or _scrub(
                    item, gone, lines, (*at, i), removed, index_maps)

            _filter_list(obj, f.name, keep, here, removed, index_maps)
        elif dataclasses.is_dataclass(value) and not _scrub(value, gone, lines, here, removed, index_maps):
            removed.append(here)
            if not _reset(obj, f):
                return False
    return True


def _visible_manager(contact_id: str | None, hidden: set[str], lines: _Lines) -> str | None:
    """The first manager up the reporting line who is not hidden (skip-level), cycle-safe.

    Only a contact the profile shows qualifies: when the hidden person's own line ends in an
    id that names nobody (a dangling ``reports_to`` in a hidden file), the line ends there,
    so nothing a hidden file says reaches the output.
    """
    seen: set[str] = set()
    while contact_id in hidden and contact_id not in seen:
        seen.add(contact_id)
        person = lines.hidden.get(contact_id)
        contact_id = person.reports_to if person is not None else None
    return contact_id if contact_id in lines.shown else None
