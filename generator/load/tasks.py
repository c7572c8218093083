"""One file to load: where it is, how diagnostics name it, its kind and its account; and loading it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Account, Action, Activity, Contact, Opportunity, Roster, codes
from ..model.document import Document
from .files import error, load_document


@dataclass(frozen=True)
class Task:
    """A file to load: its path, the path diagnostics show, its kind (``account``, ``contact`` …) and slug."""

    path: str
    shown: str
    kind: str
    slug: str


Result = tuple[Task, Document[Any] | None, list[Diagnostic]]
READ_LIMIT = 2_000_000
"""The most bytes of a file the loader reads: enough to tell one past ``files.MAX_BYTES`` (reported too large)."""
"""A file's load result: its task, its document (``None`` when it could not be loaded) and its problems."""


MODELS: dict[str, tuple[type, bool]] = {
    "roster": (Roster, False),
    "account": (Account, True),
    "contact": (Contact, True),
    "activity": (Activity, True),
    "opportunity": (Opportunity, True),
    "action": (Action, True),
}


def load_task(task: Task) -> Result:
    """Read and parse one file; a file that cannot be read is an AP001 error, never an exception."""
    model, markdown = MODELS[task.kind]
    try:
        with open(task.path, "rb") as handle:
            raw = handle.read(READ_LIMIT + 1)
    except OSError as exc:
        return task, None, [error(task.shown, 0, 0, codes.NOT_UTF8, f"cannot read file: {exc.strerror}")]
    doc, diagnostics = load_document(task.shown, raw, model, markdown=markdown, partial=True)
    return task, doc, diagnostics
