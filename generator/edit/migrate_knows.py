"""``accountplan migrate knows``: a who-knows-whom record for every owner of every contact.

Today's ``owners`` lists say who owns a relationship, not how well they know the person. The
migration adds ``- {person: <owner>, strength: unknown}`` to a contact's ``knows`` for each owner
not listed there yet, keeping ``owners``, every other key, comment and the body as they are, and
writes the file in ``fmt``'s canonical form. ``unknown`` is honest: nobody has assessed the
strength yet, and no rule or score reads an unknown strength as a level. Running it again
changes nothing.

An owner id the roster does not hold is never copied (a typo would become a second wrong
record): it is reported, and the command fails. So does a file that does not load, with
its diagnostics: a migration that silently skipped it would leave it behind unnoticed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..diagnostics import Diagnostic
from ..load.files import decode, load_document, split_frontmatter
from ..model import Contact
from ..model.scales import UNKNOWN
from .fmt import format_yaml, round_trip_yaml


@dataclass
class Migrated:
    """One contact file's migration: the new text (``None`` when unchanged or left alone) and who was added."""

    path: str
    text: str | None = None
    added: tuple[str, ...] = ()
    problem: str | None = None
    """Why the file was left alone."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """What stops the file from loading, as ``check`` reports it."""
    unknown: tuple[str, ...] = ()
    """Owner ids not in the roster: not copied into ``knows``."""


def migrate_contact(path: str, raw: bytes, people: set[str] | frozenset[str]) -> Migrated:
    """The migrated text of one contact file's bytes, adding owners found in ``people`` (the roster's ids).

    A file that does not load cleanly is left alone, with its diagnostics.
    """
    result = Migrated(path)
    text, _ = decode(path, raw)
    split = split_frontmatter(path, text) if text is not None else None
    doc, problems = load_document(path, raw, Contact, markdown=True)
    if doc is None or problems or split is None or isinstance(split, Diagnostic):
        result.problem = "does not load cleanly; run 'accountplan check' and fix it first"
        result.diagnostics = tuple(problems) + ((split,) if isinstance(split, Diagnostic) else ())
        return result
    source, body, _ = split
    listed = {k.person for k in doc.data.knows}
    result.unknown = tuple(dict.fromkeys(o for o in doc.data.owners if o not in people))
    missing = tuple(dict.fromkeys(o for o in doc.data.owners if o not in listed and o in people))
    if not missing:
        return result
    data = round_trip_yaml().load(source)
    knows = data.get("knows")
    if not isinstance(knows, CommentedSeq):
        knows = data["knows"] = CommentedSeq()
    for person in missing:
        entry = CommentedMap()
        entry["person"], entry["strength"] = person, UNKNOWN
        knows.append(entry)
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    formatted = format_yaml(out.getvalue(), Contact)
    result.text, result.added = f"---\n{formatted}---\n{body}", missing
    return result
