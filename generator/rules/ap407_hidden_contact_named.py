"""Free text that a narrower build shows names a contact that build hides.

## What it does
For each sensitivity level a build profile can have below the top one (today: `internal`),
takes the contacts hidden at that level (a contact labelled `sensitivity: restricted`
is hidden from internal builds) and looks for their **full name** or their **id** in
every text that a build at that level still shows: the account file's text fields and
body, other contacts' fields and notes, activity summaries, opinions and meeting notes.
What "still shows" means is decided by the build's own redaction, so a restricted
field or entry is never flagged. A warning points at the line and column of the name
in the Markdown body, or at the field's value in the frontmatter.

A name is matched as written in the contact's `name`, ignoring case and how the words
are spaced, on word boundaries (`Anna Berg` is not found in `Annabergen`), and with
its two parts swapped (`Wei Zhang` for `Zhang Wei`). A name in a script written
without spaces (`李明`) is matched anywhere in the text. **Partial names are not
matched**: a surname or a given name alone (`Zhang`, `Mr Berg`, `李总`) names too many
people and words to warn on; search for them yourself (`git grep -n -i`) before
relying on a narrower build.

## Why is this bad
Redaction removes a hidden contact's file and every reference to it, but it cannot
rewrite prose: an internal activity summary saying "lunch with Anna Berg about her
move" publishes Anna Berg to every reader of the internal site, though her contact
file is restricted. This rule turns that documented leak into a finding.

## Example
```yaml
# contacts/c-anna-berg.md has `sensitivity: restricted`; this activity is internal:
summary: Lunch with Anna Berg about her move to the board.
```

## Use instead
```yaml
summary: Lunch with the incoming board member.   # details in the restricted contact file
sensitivity: restricted                          # or label the whole activity
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Contact, Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from ..model.spec import SENSITIVITY_ORDER
from ..redact import ROOT_LEVEL, level_of, redact_dossier
from ..translate import said
from .walk import strings

CODE = "AP407"
NAME = "hidden-contact-named"
SEVERITY = Severity.WARNING

_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
"""Scripts written without spaces between words (Chinese, Japanese, Korean)."""


@dataclass(frozen=True)
class _Hidden:
    """A contact hidden at one level, and the pattern that finds it in text."""

    contact: Contact
    pattern: re.Pattern[str]


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield a warning for each hidden contact's name or id in text shown at a narrower level."""
    for level in narrower_levels():
        yield from _named(dossier, level)


def narrower_levels() -> list[str]:
    """Levels a build can show files at (the root level or above) that still hide something."""
    top = max(SENSITIVITY_ORDER.values())
    return [name for name, rank in SENSITIVITY_ORDER.items() if level_of(ROOT_LEVEL) <= rank < top]


def _named(dossier: Dossier, level: str) -> Iterator[Diagnostic]:
    rank = level_of(level)
    if not any(level_of(doc.data.sensitivity) > rank for doc in dossier.contacts):
        return  # nothing hidden at this level: no redaction needed (the common case)
    shown = redact_dossier(dossier, level)
    hidden = [_Hidden(doc.data, pattern(doc.data)) for doc in dossier.contacts if doc.path in shown.removed_paths]
    visible = shown.dossier
    for doc in visible.documents() if visible else ():
        yield from _in_fields(doc, hidden, level)
        yield from _in_body(doc, hidden, level)


def pattern(contact: Contact) -> re.Pattern[str]:
    """The full name (either word order for two words), or the id, as a case-insensitive pattern."""
    words = contact.name.split()
    names = [words, list(reversed(words))] if len(words) == 2 else [words]
    spelled = []
    for parts in names:
        if not parts:
            continue
        joined = r"\s+".join(re.escape(p) for p in parts)
        spelled.append(joined if _SPACELESS.search(contact.name) else rf"(?<!\w){joined}(?!\w)")
    spelled.append(rf"(?<![\w-]){re.escape(contact.id)}(?![\w-])")
    return re.compile("|".join(spelled), re.IGNORECASE)


def _in_fields(doc: Document[Any], hidden: list[_Hidden], level: str) -> Iterator[Diagnostic]:
    for loc, f, text in strings(doc.data):
        if f.metadata.get("ref") or f.name in ("id", "sensitivity"):
            continue
        for person in hidden:
            match = person.pattern.search(text)
            if match:
                where = ".".join(map(str, loc))
                message = said("'{name}' in {where} names contact {id}, who is {sensitivity}: builds at level {level} "
                               "show this text but hide the contact",
                               where=where, **_values(match, person.contact, level))
                yield doc.diagnostic(CODE, SEVERITY, message, _HINT, loc)


def _in_body(doc: Document[Any], hidden: list[_Hidden], level: str) -> Iterator[Diagnostic]:
    for offset, line in enumerate(doc.body.split("\n")):
        for person in hidden:
            for match in person.pattern.finditer(line):
                message = said("'{name}' in the notes below the frontmatter names contact {id}, who is {sensitivity}: "
                               "builds at level {level} show this text but hide the contact",
                               **_values(match, person.contact, level))
                yield Diagnostic(doc.path, doc.body_line + offset, match.start() + 1, CODE, SEVERITY, message, _HINT,
                                 ("body",))


def _values(match: re.Match[str], contact: Contact, level: str) -> dict[str, str]:
    """The message's values: the name as written, the contact, and the level (templates made with ``said``, so that
    the Chinese output is a whole translation, not a match of looser templates)."""
    return {"name": match.group(0), "id": contact.id, "sensitivity": contact.sensitivity, "level": level}


_HINT = said("rephrase without the name, move the remark into the hidden contact's file, "
             "or label this entry with the contact's sensitivity")
