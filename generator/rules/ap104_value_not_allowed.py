"""A value is not one of the allowed values, or is out of range.

Enforced while loading, by `generator/load/convert.py` (`Converter.scalar`); this module
only documents it.

## What it does
Checks named values (tier, market, role, status, channel …) against their list, with a
suggestion, and numbers against their bounds (scales 1–5, progress 0–100, years).

## Why is this bad
A tier `AA` or a support of `7` falls outside every table, chart and rule.

## Example
```yaml
tier: AA
support: 7
```

## Use instead
```yaml
tier: A
support: 5
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import convert
from ..model import codes

CODE = codes.VALUE_NOT_ALLOWED
NAME = "value-not-allowed"
SEVERITY = Severity.ERROR
ENFORCED_BY = (convert.Converter.scalar,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
