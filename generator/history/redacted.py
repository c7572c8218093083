"""Every version of a dossier redacted for the build's profile, without copying it whole each time.

:func:`generator.redact.redaction` copies a dossier and prunes every file; a history holds
tens of versions of each dossier that share most files. Here a contact or activity file is
checked once per blob for anything above the profile's level; when none of a version's
contacts, activities, opportunities and actions holds any and every contact file loaded, only
its ``account.md`` needs redacting (once per blob, and not at all when it holds nothing above the
level either: redaction would copy it unchanged), and the version is assembled from that and
the files as parsed. Anything else — a hidden file, a contact file that did not load, a source
or plan the profile removes (whose references elsewhere would need scrubbing) — takes the full
:func:`~generator.redact.redaction` of the version.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from ..edit.change import Change
from ..edit.diff import describe
from ..model.document import Document, Positions
from ..model.portfolio import Dossier
from ..redact import ROOT_LEVEL, level_of, redact_dossier
from ..redact.prune import labelled, pruned
from .versions import History, Key, Lineage, Parsed, Version, dossier_after, dossier_of, keys_of


def _own(obj: Any, inherited: int) -> int:
    label = getattr(obj, "sensitivity", None)
    return max(inherited, level_of(label)) if isinstance(label, str) else inherited


def above(obj: Any, level: int, limit: int) -> bool:
    """Whether ``obj`` holds any value labelled (by itself, its field or its container) above ``limit``.

    Called once per parsed blob of every version history reads, so the fields' labels are looked up
    once per class (:func:`~generator.redact.prune.labelled`) and only dataclass values are walked into.
    """
    for f, own in labelled(type(obj)):  # type: ignore[arg-type]  # a dataclass is hashable
        value = getattr(obj, f.name)
        if value is None or value == []:
            continue
        here = level if own is None or own <= level else own
        if here > limit:
            return True
        for item in value if isinstance(value, list) else (value,):
            if hasattr(type(item), "__dataclass_fields__"):
                inner = _own(item, here)
                if inner > limit or above(item, inner, limit):
                    return True
    return False


def _ids(account: Any) -> tuple[set[str], ...]:
    return ({s.id for s in account.sources}, {p.id for p in account.plans}, {i.id for i in account.initiatives})


class Redactor:
    """Redacts the versions of one build's dossiers for one level, remembering what each blob needed."""

    def __init__(self, level: str, clear: dict[int, Any] | None = None) -> None:
        self.level = level
        self.limit = level_of(level)
        self.clear = clear or {}
        """Data objects known to hold nothing above the level (:func:`shared`) by id; held here, so no other
        object can take one's id while this lives."""
        self._above: dict[Key, bool] = {}
        self._accounts: dict[Key, Document[Any] | None] = {}

    def dossier(self, full: Dossier, keys: list[Key], parsed: dict[Key, Parsed]) -> Dossier | None:
        """``full`` (assembled from ``keys``) as the level may show it."""
        quick = True
        account_key: Key | None = None
        for key in keys:
            doc = parsed[key][0]
            if key[1] == "account":
                account_key = key
            elif doc is not None:
                if key not in self._above:
                    self._above[key] = self._holds_more(doc.data)
                quick = quick and not self._above[key]
        # A contact file that did not load is hidden below the top level, and references to it scrubbed everywhere.
        quick = quick and full.contact_ids == {c.data.id for c in full.contacts}
        account = self._account(account_key, full) if quick and account_key else None
        if account is None:
            return redact_dossier(full, self.level).dossier
        return dataclasses.replace(full, account=account, contacts=list(full.contacts),
                                   activities=list(full.activities), opportunities=list(full.opportunities),
                                   actions=list(full.actions), contact_ids=set(full.contact_ids))

    def _holds_more(self, data: Any) -> bool:
        """Whether a file's data holds anything labelled above the level (then redaction changes it)."""
        if id(data) in self.clear:
            return False
        own = _own(data, level_of(ROOT_LEVEL))
        return own > self.limit or above(data, own, self.limit)

    def _account(self, key: Key, full: Dossier) -> Document[Any] | None:
        """The account file redacted, or ``None`` when that removes what other files may refer to.

        Only called when every contact of the version is shown and loaded: then redaction scrubs
        no reference to a contact, so the account file is redacted alone (without copying and
        pruning its contacts each time) and the result depends on its blob only.
        """
        if key not in self._accounts and not self._holds_more(full.account.data):
            self._accounts[key] = full.account  # nothing above the level: redaction would copy it unchanged
        if key not in self._accounts:
            self._accounts[key] = self._pruned(full.account)
        return self._accounts[key]

    def _pruned(self, doc: Document[Any]) -> Document[Any] | None:
        """What :func:`~generator.redact.redact_dossier` makes of an account file alone, but its positions.

        Alone (no contacts, activities, opportunities or actions), the only ids redaction can take
        away are the account file's own sources, plans and initiatives; while none goes (else
        ``None``: the caller redacts the whole version), its reference scrubbing removes nothing, so the
        data is :func:`~generator.redact.prune.pruned`'s. History reads only the data of a version, so the
        positions are not re-keyed (the copy has none) — that re-keying and the scrubbing walk were two
        thirds of redacting each ``account.md`` blob.
        """
        root = level_of(ROOT_LEVEL)
        if root > self.limit:
            return None
        data, _ = pruned(doc.data, root, self.limit, (), [], {})
        if _ids(data) != _ids(doc.data):
            return None
        return dataclasses.replace(doc, data=data, positions=Positions(),
                                   digest=hashlib.blake2b(f"{doc.digest}:{self.level}".encode(),
                                                          digest_size=16).hexdigest())


def shared(full: Dossier | None, shown: Dossier) -> dict[int, Any]:
    """The data objects of ``full`` that its redaction ``shown`` holds as they are, by id: nothing in them is
    above the level (redaction copies whatever it prunes), so the versions that hold them need not look again."""
    if full is None:
        return {}
    kept = {id(doc.data) for doc in shown.documents()}
    return {id(doc.data): doc.data for doc in full.documents() if id(doc.data) in kept}


class AccountVersions:
    """One account's versions, parsed and redacted on demand within one build."""

    def __init__(self, slug: str, lineage: Lineage, history: History, redactor: Redactor) -> None:
        self.slug, self.lineage, self.history, self.redactor = slug, lineage, history, redactor
        self.limit = redactor.level
        self.parsed: dict[Key, Parsed] = {}
        """The parses of every key the views need, set once they are read (:func:`.movement._accounts`)."""
        self._dossiers: dict[int, Dossier | None] = {}
        self._last: tuple[Version, Dossier] | None = None
        """The version assembled last and its dossier before redaction: the next is made from it when it can be."""
        self._keys: dict[int, list[Key]] = {}
        self._changes: dict[tuple[int, int], list[Change]] = {}

    def keys(self, version: Version) -> list[Key]:
        """The parse keys of a version's files (made once per version: every view asks)."""
        found = self._keys.get(version.index)
        if found is None:
            found = self._keys[version.index] = keys_of(self.history.relative, self.slug, version)
        return found

    def dossier(self, version: Version | None) -> Dossier | None:
        """The version's dossier as this build's profile may show it."""
        if version is None:
            return None
        if version.index not in self._dossiers:
            keys = self.keys(version)
            last = self._last
            full = (dossier_after(last[1], last[0], version, self.history.relative, self.slug, self.parsed)
                    if last is not None else None) or dossier_of(self.slug, keys, self.parsed)
            if full is not None:
                self._last = (version, full)
            self._dossiers[version.index] = self.redactor.dossier(full, keys, self.parsed) if full else None
        return self._dossiers[version.index]

    def changes(self, old: Version | None, new: Version, people: dict[str, Any]) -> list[Change]:
        """``accountplan diff``'s changes from ``old`` to ``new`` (both shown as :meth:`dossier` gives them).

        Made once per pair: the change log by month and the portfolio's recent events often compare the
        same two versions (a month with one commit). ``people`` is the build's roster, the same for every call.
        """
        pair = (old.index if old is not None else -1, new.index)
        found = self._changes.get(pair)
        if found is None:
            shown = self.dossier(new)
            assert shown is not None, "only versions that show are compared"
            found = self._changes[pair] = describe(self.dossier(old), shown, people)
        return found

    def data(self, key: Key) -> Any:
        """The data of one parsed file (``None`` when it did not load)."""
        doc = self.parsed[key][0]
        return doc.data if doc is not None else None
