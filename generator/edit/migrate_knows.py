"""``accountplan migrate knows``: a who-knows-whom record for every owner of every contact.

Today's ``owners`` lists say who owns a relationship, not how well they know the person. The
migration adds ``- {person: <owner>, strength: unknown}`` to a contact's ``knows`` for each owner
not listed there yet, keeping ``owners``, every other key, comment and the body as they are, and
writes the file in ``fmt``'s canonical form. ``unknown`` is honest: nobody has assessed the
strength yet, and no rule or score reads an unknown strength as a level. Running it again
changes nothing.
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


def migrate_contact(path: str, raw: bytes) -> Migrated:
    """The migrated text of one contact file's bytes; a file that does not load cleanly is left alone."""
    result = Migrated(path)
    text, _ = decode(path, raw)
    split = split_frontmatter(path, text) if text is not None else None
    doc, problems = load_document(path, raw, Contact, markdown=True)
    if doc is None or problems or split is None or isinstance(split, Diagnostic):
        result.problem = "does not load cleanly; run 'accountplan check' and fix it first"
        return result
    source, body, _ = split
    listed = {k.person for k in doc.data.knows}
    missing = tuple(dict.fromkeys(o for o in doc.data.owners if o not in listed))
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
