"""A date field does not hold a real calendar date.

Enforced while loading, by `generator/load/convert.py` (`_parse_date`); this module only
documents it.

## What it does
Date fields must be `YYYY-MM-DD` naming a day that exists.

## Why is this bad
`2023-02-30` or `0000-00-00` would otherwise crash a naive loader or sort a plan into the
wrong week; `next spring` cannot be checked against today.

## Example
```yaml
review_by: 2027-02-30
```

## Use instead
```yaml
review_by: 2027-02-28
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import convert
from ..model import codes

CODE = codes.INVALID_DATE
NAME = "invalid-date"
SEVERITY = Severity.ERROR
ENFORCED_BY = (convert.Converter.scalar,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
