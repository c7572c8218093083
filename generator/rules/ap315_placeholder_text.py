"""Scaffold placeholder text still in a dossier.

## What it does
Points at every text value that still starts with `To be written` (what `accountplan
new` writes for you to replace) and at a Markdown body that is still the scaffold's
starting text.

## Why is this bad
A placeholder is not information. The article asks for information completeness
(信息完整度) and for information that accumulates (信息有沉淀); a placeholder that looks
filled in would score as if it were. The scorecards treat placeholders as missing, and
this rule shows where they are, so honest, unfinished dossiers can still be merged.

## Example
```yaml
strategy:
  summary: To be written - the customer's future strategy in a few sentences.
```

## Use instead
```yaml
strategy:
  summary: Doubling renewable capacity by 2030; grid digitalisation is the main investment.
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.placeholders import is_placeholder, is_placeholder_body
from ..model.portfolio import Dossier
from .walk import strings

CODE = "AP315"
NAME = "placeholder-text"
SEVERITY = Severity.WARNING


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each placeholder value and at each body still holding the scaffold's text."""
    for doc in dossier.documents():
        for loc, _, text in strings(doc.data):
            if is_placeholder(text):
                field = ".".join(str(part) for part in loc)
                yield doc.diagnostic(CODE, SEVERITY, f"'{field}' is still the scaffold's placeholder text",
                                     "replace it with what you know, or delete the entry until you do", loc)
        if is_placeholder_body(doc.body):
            yield Diagnostic(doc.path, doc.body_line, 1, CODE, SEVERITY,
                             "the notes below the frontmatter are still the scaffold's text",
                             "write what you know, or leave the notes empty", ("body",))
