"""A link uses a scheme other than http, https or mailto.

## What it does
Checks every `url` field in every file with the site's one link policy
(`generator/neutralise.py`, which also decides every link the pages show). The scheme is
read the way a browser reads it: after decoding HTML character references (`&#58;`,
`&colon;`) and dropping whitespace, control and invisible characters, case-insensitively.
Links without a scheme (relative links) are allowed; protocol-relative links (`//host`)
are not, as they leave the site without naming a scheme.

## Why is this bad
`javascript:`, `vbscript:` and `data:` links run code or show forged pages when a
reader clicks them on the site. Tricks such as `JaVaScRiPt:`, `javascript&#58;` or a
leading tab or control character slip past naive checks. The site drops such links;
this rule says so where the link was written.

## Example
```yaml
sources:
  - {id: s-1, url: "javascript&#58;alert(document.cookie)", ...}
```

## Use instead
```yaml
sources:
  - {id: s-1, url: "https://www.example.com/investors/annual-report-2025", ...}
```
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from ..model.spec import hints
from ..neutralise import url_refusal
from .walk import strings

CODE = "AP405"
NAME = "unsafe-url"
SEVERITY = Severity.ERROR
URL_FIELDS = frozenset({"url"})


@cache
def holds_urls(cls: Any) -> bool:
    """Whether the model class ``cls`` has a URL field, directly or in a nested entry."""
    def nested(hint: Any) -> Iterator[Any]:
        yield hint
        for arg in typing.get_args(hint):
            yield from nested(arg)

    def model(hint: Any) -> bool:
        return isinstance(hint, type) and dataclasses.is_dataclass(hint) and holds_urls(hint)

    return any(name in URL_FIELDS or any(model(t) for t in nested(hint)) for name, hint in hints(cls).items())


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each ``url`` value the link policy refuses."""
    return _refused(dossier.documents())


def check_roster(roster: Document[Roster], settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each ``url`` value of roster.yml the link policy refuses."""
    return _refused([roster])


def _refused(docs: Iterable[Document[Any]]) -> Iterator[Diagnostic]:
    # Walking every contact and activity for a field only some models have would dominate a large check.
    for doc in (d for d in docs if holds_urls(d.data.__class__)):
        for loc, f, value in strings(doc.data):
            refusal = url_refusal(value) if f.name in URL_FIELDS else None
            if refusal is not None:
                yield doc.diagnostic(
                    CODE, SEVERITY, f"link {refusal} is not allowed; expected http, https or mailto",
                    "use an https:// address (example.com for samples)", loc,
                )
