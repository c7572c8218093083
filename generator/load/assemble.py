"""Group the loaded files of ``accounts/`` into dossiers, checking that ids match file names."""

from __future__ import annotations

import functools
import os
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..model import Roster, codes
from ..model.document import Document
from ..model.portfolio import ROSTER, Dossier, Portfolio
from .discover import display
from .files import error
from .tasks import Result, Task


def assemble(root: str, results: list[Result], diagnostics: list[Diagnostic]) -> Portfolio:
    """Group loaded documents into dossiers (in slug order), adding the problems found on the way to ``diagnostics``."""
    roster: Document[Roster] | None = None
    folders: dict[str, list[Result]] = {}
    for result in results:
        task, doc, problems = result
        if task.kind == "roster":
            diagnostics.extend(problems)
            roster = doc if doc is not None and not doc.partial else roster
        else:
            folders.setdefault(task.slug, []).append(result)
    dossiers = []
    for slug in sorted(folders):
        dossier, problems = assemble_dossier(slug, folders[slug])
        diagnostics.extend(problems)
        if dossier is not None:
            dossiers.append(dossier)
    diagnostics.extend(roster_problems(root, roster))
    return Portfolio(root, roster, dossiers, diagnostics)


def roster_problems(root: str, roster: Document[Roster] | None) -> list[Diagnostic]:
    """The problem of a portfolio without a roster file (a roster that did not load has its own error)."""
    path = os.path.join(root, ROSTER)
    if roster is not None or os.path.isfile(path) or os.path.islink(path):
        return []
    return [error(display(os.path.join(root, ROSTER)), 0, 0, codes.FRONTMATTER_MISSING, "roster.yml is missing",
                  "list our people in accounts/roster.yml")]


def assemble_dossier(slug: str, results: list[Result]) -> tuple[Dossier | None, list[Diagnostic]]:
    """One account folder's dossier from its files' results (``None`` without a loaded account.md), and its problems."""
    problems: list[Diagnostic] = []
    dossier: Dossier | None = None
    contact_ids: set[str] = set()
    for task, doc, found in results:
        problems.extend(found)
        if task.kind == "contact":
            contact_ids.add(stem_of(task.path))
        elif task.kind == "account" and doc is not None and not doc.partial:
            dossier = Dossier(slug, os.path.dirname(task.path), doc)
    if dossier is None:
        return None, problems
    for task, doc, _ in results:
        if doc is None or task.kind == "account":
            continue
        if doc.partial:
            dossier.partial.append(doc)
            continue
        if task.kind == "contact":
            stem = stem_of(task.path)
            if doc.data.id != stem:
                problems.append(doc.diagnostic(codes.CONTACT_ID_MISMATCH, Severity.ERROR,
                                               f"contact id '{doc.data.id}' differs from its file name '{stem}.md'",
                                               f"set 'id: {stem}' or rename the file", ("id",)))
            dossier.contacts.append(doc)
        elif task.kind in ("opportunity", "action"):
            problems.extend(_id_problems(task, doc))
            (dossier.opportunities if task.kind == "opportunity" else dossier.actions).append(doc)
        else:
            dossier.activities.append(doc)
    dossier.contact_ids = contact_ids
    dossier.stems = _stems(results)
    dossier.activities.sort(key=lambda d: (d.data.date, d.path))
    return dossier, problems


def _id_problems(task: Task, doc: Document[Any]) -> list[Diagnostic]:
    """AP201 when an opportunity's or action's ``id`` differs from its file name."""
    stem = stem_of(task.path)
    if doc.data.id == stem:
        return []
    return [doc.diagnostic(codes.CONTACT_ID_MISMATCH,
                           Severity.ERROR, f"{task.kind} id '{doc.data.id}' differs from its file name "
                           f"'{stem}.md'", f"set 'id: {stem}' or rename the file", ("id",))]


def _stems(results: list[Result]) -> dict[str, set[str]]:
    """The file names without ``.md`` of an account folder's files, by kind, whether they loaded or not."""
    stems: dict[str, set[str]] = {}
    for task, _, _ in results:
        stems.setdefault(task.kind, set()).add(stem_of(task.path))
    return stems


@functools.lru_cache(maxsize=4096)
def stem_of(path: str) -> str:
    """A file's name without its extension: the id it defines.

    Remembered for the last few thousand paths: history assembles each version of an account
    from the same paths (tens of versions, hundreds of files each).
    """
    return os.path.splitext(os.path.basename(path))[0]
