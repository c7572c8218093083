"""A loaded file: its typed data, where each value stood, and its Markdown body."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Generic, TypeVar

from ..diagnostics import Diagnostic, Loc, Severity

T = TypeVar("T")

_SHIFT = 32
_LOW = (1 << _SHIFT) - 1
_SHAPES: dict[tuple[Loc, ...], dict[Loc, int]] = {}
"""Every key layout seen in this process, shared by the files that have it (activities mostly share a few)."""


def _shape(locs: tuple[Loc, ...]) -> dict[Loc, int]:
    """The shared index of a key layout: loc to its slot."""
    index = _SHAPES.get(locs)
    if index is None:
        index = _SHAPES[locs] = {loc: i for i, loc in enumerate(locs)}
    return index


class Positions(Mapping[Loc, tuple[int, int]]):
    """Read-only ``{loc: (line, column)}`` stored compactly.

    A portfolio holds about a thousand positions per account. As a plain dict each entry
    was a fresh key tuple and a ``(line, column)`` tuple, half of a loaded portfolio's
    memory. Here the keys live in a layout shared by every file written in the same shape,
    and each position is one packed 64-bit integer.
    """

    __slots__ = ("_index", "_packed")

    def __init__(self, items: Mapping[Loc, tuple[int, int]] | Iterable[tuple[Loc, tuple[int, int]]] = ()) -> None:
        pairs = dict(items)
        self._index = _shape(tuple(pairs))
        self._packed = array("Q", [(line << _SHIFT) | column for line, column in pairs.values()])

    def __getitem__(self, loc: Loc) -> tuple[int, int]:
        packed = self._packed[self._index[loc]]
        return packed >> _SHIFT, packed & _LOW

    def __contains__(self, loc: object) -> bool:
        return loc in self._index

    def get(self, loc: Loc, default: Any = None) -> Any:
        """The position of ``loc``, or ``default``."""
        slot = self._index.get(loc)
        if slot is None:
            return default
        packed = self._packed[slot]
        return packed >> _SHIFT, packed & _LOW

    def __iter__(self) -> Iterator[Loc]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._packed)

    def loc_at(self, line: int, column: int) -> Loc | None:
        """The first loc recorded at ``(line, column)``, or ``None`` (a search of the packed integers)."""
        try:
            slot = self._packed.index((line << _SHIFT) | column)
        except ValueError:
            return None
        return next(islice(self._index, slot, None))

    def __repr__(self) -> str:
        return f"Positions({dict(self.items())!r})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # The layout tuple is shared, so one pickle (a pool chunk, a cache pack) stores it once.
        return _restore, (tuple(self._index), self._packed.tobytes())


def _restore(locs: tuple[Loc, ...], packed: bytes) -> Positions:
    """Unpickle :class:`Positions`, sharing the layout with files already loaded."""
    positions = Positions.__new__(Positions)
    positions._index = _shape(locs)
    positions._packed = array("Q")
    positions._packed.frombytes(packed)
    return positions


@dataclass(slots=True)
class Document(Generic[T]):
    """One dossier file after loading."""

    path: str
    """Path as reported in diagnostics."""
    data: T
    """The typed frontmatter."""
    positions: Mapping[Loc, tuple[int, int]] = field(default_factory=Positions, repr=False)
    """1-based line and column of each value, by its loc path (a plain dict is stored as :class:`Positions`)."""
    body: str = ""
    """Markdown after the frontmatter."""
    body_line: int = 1
    """File line on which the body starts."""
    digest: str = ""
    """Content hash of the file, for caches."""
    partial: bool = False
    """The file has schema errors: ``data`` holds only the fields that converted (the others ``None``),
    for the reference rules alone; a dossier keeps such files apart (:attr:`Dossier.partial`)."""

    def __post_init__(self) -> None:
        if not isinstance(self.positions, Positions):
            self.positions = Positions(self.positions)

    def positions_at(self, line: int, column: int) -> Loc | None:
        """The loc of the value recorded at ``(line, column)``, or ``None``."""
        positions = self.positions
        return positions.loc_at(line, column) if isinstance(positions, Positions) else None

    def at(self, loc: Loc) -> tuple[int, int]:
        """Position of ``loc``, or of its nearest recorded ancestor."""
        while loc not in self.positions and loc:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def diagnostic(self, code: str, severity: Severity, message: str, hint: str = "", loc: Loc = ()) -> Diagnostic:
        """A diagnostic pointing at ``loc`` in this file."""
        line, column = self.at(loc)
        return Diagnostic(self.path, line, column, code, severity, message, hint, loc)
