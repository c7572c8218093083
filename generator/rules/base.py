"""What a rule sees and how it reports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Protocol

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..load.portfolio import Dossier, Portfolio


@dataclass(frozen=True)
class Context:
    """The whole portfolio plus settings; rules read, never change it."""

    portfolio: Portfolio
    settings: Settings


class Check(Protocol):
    """A rule's check: yields diagnostics at the rule's default severity."""

    def __call__(self, ctx: Context) -> Iterator[Diagnostic]: ...


@dataclass(frozen=True)
class Rule:
    """A rule as registered: its code, name, default severity, docs and check."""

    code: str
    name: str
    severity: Severity
    doc: str
    module: ModuleType
    check: Check | None
    """``None`` for rules enforced while loading (files, YAML, schema)."""

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


def each_dossier(ctx: Context) -> Iterator[Dossier]:
    """Dossiers in slug order."""
    yield from ctx.portfolio.dossiers
