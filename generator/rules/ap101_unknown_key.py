"""A key the schema does not know.

Enforced while loading, by `generator/load/convert.py` (`Converter.record`); this module
only documents it.

## What it does
Reports every key that is not a field of the entry it sits in, suggesting the nearest
known key.

## Why is this bad
The schema is closed on purpose: dossiers hold personal data, and a key nobody declared
is data nobody decided to collect. A misspelt key (`suport:`) is also silently lost.

## Example
```yaml
suport: 4
hobbies: golf
```

## Use instead
```yaml
support: 4
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import convert
from ..model import codes

CODE = codes.UNKNOWN_KEY
NAME = "unknown-key"
SEVERITY = Severity.ERROR
ENFORCED_BY = (convert.Converter.record,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
