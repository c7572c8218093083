"""A loaded file: its typed data, where each value stood, and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..diagnostics import Diagnostic, Loc, Severity

T = TypeVar("T")


@dataclass
class Document(Generic[T]):
    """One dossier file after loading."""

    path: str
    """Path as reported in diagnostics."""
    data: T
    """The typed frontmatter."""
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict, repr=False)
    """1-based line and column of each value, by its loc path."""
    body: str = ""
    """Markdown after the frontmatter."""
    body_line: int = 1
    """File line on which the body starts."""
    digest: str = ""
    """Content hash of the file, for caches."""

    def at(self, loc: Loc) -> tuple[int, int]:
        """Position of ``loc``, or of its nearest recorded ancestor."""
        while loc not in self.positions and loc:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def diagnostic(self, code: str, severity: Severity, message: str, hint: str = "", loc: Loc = ()) -> Diagnostic:
        """A diagnostic pointing at ``loc`` in this file."""
        line, column = self.at(loc)
        return Diagnostic(self.path, line, column, code, severity, message, hint, loc)
