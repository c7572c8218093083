"""One list names the same contact, person or cell twice, and the two entries contradict each other.

## What it does
In every record kind, a list of entries keyed by an id — an opportunity's `stances` (by
contact), a contact's `knows` (by our person), account.md's `footprint` (by unit and
offering), `satisfaction` (by date and survey) — must not hold two different entries for
one key. The second entry is reported, naming the line of the first. (Lists of records
with their own `id` in account.md, and KPI years, are AP204's.)

## Why is this bad
Two stances for one contact on one project (a supporter on line 9, an opponent on line
14) cannot both be true: which one the site, the scores and AP320 read is an accident of
order, and a reviewer sees only one of them. The same holds for two strengths of one
pair in who knows whom, or two states of one whitespace cell.

## Example
```yaml
stances:
  - {contact: c-zhang-wei, support: 4}
  - {contact: c-zhang-wei, support: 2}
```

## Use instead
```yaml
stances:
  - {contact: c-zhang-wei, support: 2, note: "Cooled after the pricing workshop."}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Knows, Roster, Stance, scales
from ..model.document import Document
from ..model.portfolio import Dossier
from .entries import Repeat, repeats

CODE = "AP208"
NAME = "conflicting-entries"
SEVERITY = Severity.ERROR


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each second entry whose key was already used with different values in the same list."""
    for found in repeats(dossier):
        if not found.same:
            yield _diagnostic(found)


def _diagnostic(found: Repeat) -> Diagnostic:
    doc, first, entry, earlier = found.doc, found.line, found.entry, found.earlier
    hint = f"keep one entry for '{found.key}' in '{found.field}': the one that is true now"
    if isinstance(entry, Stance) and isinstance(earlier, Stance):
        was, now = _level(scales.SUPPORT, earlier.support), _level(scales.SUPPORT, entry.support)
        return doc.diagnostic(CODE, SEVERITY, f"a second stance for contact '{found.key}' contradicts the first "
                              f"({was} on line {first}, {now} here)", hint, found.loc)
    if isinstance(entry, Knows) and isinstance(earlier, Knows):
        was, now = _level(scales.STRENGTH, earlier.strength), _level(scales.STRENGTH, entry.strength)
        return doc.diagnostic(CODE, SEVERITY, f"our person '{found.key}' is listed twice in 'knows' with different "
                              f"strengths ({was} on line {first}, {now} here)", hint, found.loc)
    return doc.diagnostic(CODE, SEVERITY, f"'{found.key}' is listed twice in '{found.field}' with different values "
                          f"(first on line {first})", hint, found.loc)


def _level(labels: scales.Labels, value: int | None) -> str:
    return scales.UNKNOWN if value is None else labels.get(value, (str(value), ""))[0]
