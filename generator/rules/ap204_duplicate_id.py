"""The same id (or KPI year) is used twice.

## What it does
Within one `account.md`: source, plan, initiative, issue and gift ids, and KPI years,
must each be unique; in `roster.yml`, people ids. The second use is reported, naming the
lines of both.

## Why is this bad
References resolve to one of the two at random; a fact may cite the wrong source, and a
year counted twice doubles the sales figures.

## Example
```yaml
sources:
  - {id: s-ar, channel: annual-report, title: Annual report 2025, collected: 2026-04-02}
  - {id: s-ar, channel: news, title: Press release, collected: 2026-05-10}
```

## Use instead
```yaml
sources:
  - {id: s-ar2025, channel: annual-report, title: Annual report 2025, collected: 2026-04-02}
  - {id: s-press-may, channel: news, title: Press release, collected: 2026-05-10}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..config import Settings
from ..diagnostics import Diagnostic, Severity
from ..model import Roster
from ..model.document import Document
from ..model.portfolio import Dossier
from .base import repeats

CODE = "AP204"
NAME = "duplicate-id"
SEVERITY = Severity.ERROR

_ACCOUNT_LISTS = ("sources", "plans", "initiatives", "issues", "gifts", "kpi")
_WHAT = {"sources": "source id", "plans": "plan id", "initiatives": "initiative id", "issues": "issue id",
         "gifts": "gift id", "kpi": "KPI year", "people": "person id"}


def _in_list(doc: Document[Any], name: str) -> Iterator[Diagnostic]:
    key = "year" if name == "kpi" else "id"
    entries = ((getattr(item, key), (name, i, key)) for i, item in enumerate(getattr(doc.data, name)))
    for value, loc, first in repeats(entries):
        yield doc.diagnostic(
            CODE, SEVERITY,
            f"duplicate {_WHAT[name]} '{value}' on line {doc.at(loc)[0]}; first used on line {doc.at(first)[0]}",
            f"give each entry in '{name}' its own {key}", loc,
        )


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each repeated id."""
    for name in _ACCOUNT_LISTS:
        yield from _in_list(dossier.account, name)


def check_roster(roster: Document[Roster], settings: Settings) -> Iterator[Diagnostic]:
    """Yield at each repeated person id in roster.yml."""
    yield from _in_list(roster, "people")
