"""A link uses a scheme other than http, https or mailto.

## What it does
Checks every `url` field in every file. The scheme is read the way a browser reads it:
after decoding HTML character references (`&#58;`, `&colon;`) and dropping whitespace
and control characters, case-insensitively. Links without a scheme (relative links)
are allowed.

## Why is this bad
`javascript:`, `vbscript:` and `data:` links run code or show forged pages when a
reader clicks them on the site. Tricks such as `JaVaScRiPt:`, `javascript&#58;` or a
leading tab or control character slip past naive checks.

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
import html
import re
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..load.convert import hints
from .base import Context, checked_roster
from .walk import strings

CODE = "AP405"
NAME = "unsafe-url"
SEVERITY = Severity.ERROR
ALLOWED = frozenset({"http", "https", "mailto"})
URL_FIELDS = frozenset({"url"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def unsafe_scheme(url: str) -> str | None:
    """The disallowed scheme a browser would see in ``url``, or ``None`` when it is safe."""
    seen = _INVISIBLE.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(seen)
    if match is None:
        # No scheme before the first '/', '?' or '#': a relative link.
        return None
    return None if match.group(1) in ALLOWED else match.group(1)


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


def check(ctx: Context) -> Iterator[Diagnostic]:
    """Yield at each ``url`` value with a disallowed scheme."""
    docs = [doc for dossier in ctx.portfolio.dossiers for doc in dossier.documents()]
    roster = checked_roster(ctx)
    if roster:
        docs.append(roster)
    # Walking every contact and activity for a field only some models have would dominate a large check.
    for doc in (d for d in docs if holds_urls(d.data.__class__)):
        for loc, f, value in strings(doc.data):
            scheme = unsafe_scheme(value) if f.name in URL_FIELDS else None
            if scheme is not None:
                yield doc.diagnostic(
                    CODE, SEVERITY, f"link scheme '{scheme}:' is not allowed; expected http, https or mailto",
                    "use an https:// address (example.com for samples)", loc,
                )
