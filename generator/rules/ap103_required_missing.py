"""A required field is missing or empty.

Enforced while loading, by `generator/load/convert.py`; this module only documents it.

## What it does
Reports, at the entry, each field the schema requires that is absent, and each required
field written with an empty value.

## Why is this bad
Scores, pages and rules rely on these fields: a contact without `support` cannot be
placed on the relationship map.

## Example
```yaml
id: c-bob
name: Bob Smith
support:
```

## Use instead
```yaml
id: c-bob
name: Bob Smith
support: 4
# ... and title, department, level, role, influence, intimacy, review_by
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import convert
from ..model import codes

CODE = codes.REQUIRED_MISSING
NAME = "required-missing"
SEVERITY = Severity.ERROR
ENFORCED_BY = (convert.Converter.record, convert.Converter.value)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
