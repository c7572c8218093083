"""Each dossier's redacted copy kept from one build to the next (in a server's memory, or carried in the user's cache).

Redaction works on one dossier at a time (:func:`generator.redact.redact_dossier`), so a
dossier whose files did not change redacts to the same copy: it is kept under the level and
the dossier's :func:`~generator.model.keys.dossier_key`.

A copy shares every object redaction leaves unchanged with the loaded dossier. Carried to another
process as a plain pickle it would not: a merge build would hold a second, unshared portfolio
(≈175 MB at 1,000 accounts). So a copy is carried :class:`Frozen`: pickled with each object it shares
with the loaded dossier named by its place there (document, attribute, field), and thawed against the
dossier the next build loaded under the same key, which was loaded from the very same bytes.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
from collections.abc import Hashable
from functools import cache, partial
from typing import Any

from ..config import Settings
from ..model.document import Document
from ..model.keys import dossier_key
from ..model.portfolio import Dossier, Portfolio
from ..model.spec import fields as model_fields
from ..redact import Redaction, apply_profile, redact_dossier
from .memo import Memo

Place = tuple[int, int, int]
"""Where a shared object is in a loaded dossier: document number, attribute (its number in :data:`_ATTRIBUTES`),
field of the data (its number among the dataclass's fields, plus one; 0 for the attribute itself). Numbers only:
pickle saves a place as a value, and a string in it could itself be a shared object, named by a place again."""

_ATTRIBUTES = ("data", "positions", "body", "path")

_ATOMS = (type(None), bool, int, float)
"""Values not worth naming by place (pickled as values)."""

_sources: dict[Hashable, Dossier] = {}
"""The loaded dossier each copy of the latest redaction was made from or thawed against, by memo key.

A thawed copy's carried form is not kept beside it (≈22 MB at 1,000 accounts, for the whole build): only the
memo's blobs whose keys changed are sealed again (:func:`generator.incremental.carried.carry_rules_out`), and
their copies are frozen again then, against these dossiers."""


def redact(portfolio: Portfolio, settings: Settings, profile: str | None, memo: Memo[Any]) -> Redaction:
    """:func:`generator.redact.apply_profile`, re-using the copies of dossiers redacted to the same level before."""
    sources: dict[Hashable, Dossier] = {}

    def each(dossier: Dossier, max_level: str) -> Redaction:
        key = ("redact", max_level, dossier_key(dossier))
        sources[key] = dossier
        made = memo.get(key, partial(redact_dossier, dossier, max_level))
        if isinstance(made, Frozen):  # carried from another process: thawed sharing this build's loaded dossier
            thawed = made.thaw(dossier)
            if not isinstance(thawed, Redaction):  # not made of the same files
                thawed = redact_dossier(dossier, max_level)
                memo.computed += 1
            memo.replace(key, thawed)
            return thawed
        assert isinstance(made, Redaction)
        return made

    try:
        return apply_profile(portfolio, settings, profile, each)
    finally:
        _sources.clear()
        _sources.update(sources)


def carried_form(key: Hashable, value: Any) -> Any:
    """What to seal for a copy in the redaction memo: :class:`Frozen` against the dossier it came from."""
    if isinstance(value, Frozen):
        return value
    return Frozen.of(value, _sources.get(key))


def _documents(dossier: Dossier) -> list[Document[Any]]:
    return [*dossier.documents(), *dossier.partial]


def _places(dossier: Dossier) -> dict[int, Place]:
    """Each object of ``dossier`` a copy may share, by ``id``: documents' data, positions, bodies and data fields."""
    places: dict[int, Place] = {}
    for number, doc in enumerate(_documents(dossier)):
        places[id(doc.positions)] = (number, 1, 0)
        places[id(doc.body)] = (number, 2, 0)
        places[id(doc.path)] = (number, 3, 0)
        data = doc.data
        places[id(data)] = (number, 0, 0)
        if dataclasses.is_dataclass(data):
            kind: type = type(data)
            for index, name in enumerate(model_fields(kind), start=1):
                value = getattr(data, name)
                if not isinstance(value, _ATOMS):
                    places.setdefault(id(value), (number, 0, index))
    return places


def _at(documents: list[Document[Any]], place: Place) -> Any:
    """The object at ``place`` among a dossier's documents."""
    number, attribute, index = place
    value = getattr(documents[number], _ATTRIBUTES[attribute])
    if not index:
        return value
    kind: type = type(value)
    return getattr(value, _names(kind)[index - 1])


@cache
def _names(kind: type) -> tuple[str, ...]:
    """The field names of a model class, in order (looked up once a class, not once a place)."""
    return tuple(model_fields(kind))


class _Stale(Exception):
    """A place that the dossier thawed against does not have: the copy is redacted again."""


class Frozen:
    """A redacted copy as carried between processes: pickled, objects shared with its loaded dossier named by place.

    Only ever unpickled from inside a sealed blob (:mod:`generator.usercache`): its bytes are as trusted as the
    blob's. ``files`` names the loaded dossier's files (path and digest): a copy thaws only against the same files.
    """

    __slots__ = ("data", "files")

    def __init__(self, data: bytes, files: tuple[tuple[str, str], ...]) -> None:
        self.data = data
        self.files = files

    @classmethod
    def of(cls, value: Any, source: Dossier | None) -> Frozen:
        """``value`` pickled, sharing with ``source`` (``None``: nothing shared, a plain pickle)."""
        out = io.BytesIO()
        _Pickler(out, _places(source) if source is not None else {}).dump(value)
        files = tuple((doc.path, doc.digest) for doc in _documents(source)) if source is not None else ()
        return cls(out.getvalue(), files)

    def thaw(self, dossier: Dossier) -> Any:
        """The copy, sharing ``dossier``'s objects; ``None`` when ``dossier`` is not made of the same files."""
        documents = _documents(dossier)
        if self.files and tuple((doc.path, doc.digest) for doc in documents) != self.files:
            return None

        try:
            return _Unpickler(io.BytesIO(self.data), documents if self.files else []).load()
        except _Stale:
            return None

    def __reduce__(self) -> tuple[Any, ...]:
        return (Frozen, (self.data, self.files))


class _Pickler(pickle.Pickler):
    """Pickles an object naming the objects of ``places`` by their place."""

    def __init__(self, out: io.BytesIO, places: dict[int, Place]) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self.places = places

    def persistent_id(self, obj: Any) -> Place | None:
        """The place of ``obj`` in the loaded dossier, ``None`` to pickle it as a value."""
        return self.places.get(id(obj))


class _Unpickler(pickle.Unpickler):
    """Unpickles what :class:`_Pickler` wrote, each place taken from ``documents``."""

    def __init__(self, data: io.BytesIO, documents: list[Document[Any]]) -> None:
        super().__init__(data)
        self.documents = documents

    def persistent_load(self, pid: Any) -> Any:
        """The object at place ``pid``; :class:`_Stale` for a place the dossier does not have.

        Called once a shared object (288,000 times in a merge build at 1,000 accounts): the checks are the ones that
        a place from another dossier's files could fail, each raising what is caught below."""
        try:
            number, attribute, index = pid
            if number < 0 or attribute < 0 or index < 0:  # a negative index would count from the end
                raise _Stale(pid)
            return _at(self.documents, pid)
        except (AttributeError, IndexError, TypeError, ValueError):
            raise _Stale(pid) from None
