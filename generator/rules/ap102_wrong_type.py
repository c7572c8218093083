"""A value has the wrong type for its field.

Enforced while loading, by `generator/load/convert.py`; this module only documents it.

## What it does
The schema decides each type (YAML 1.2 semantics): a list where a list is expected,
`true`/`false` for flags, digits without leading zeros for whole numbers. `yes`, `NO`,
`010` and `1.10` are text where text is expected, and errors in typed fields.

## Why is this bad
YAML 1.1 loaders turn `coach: yes` into a boolean and `NO` (Norway) into `false`;
guessing either way hides mistakes. An explicit type makes every figure trustworthy.

## Example
```yaml
coach: yes
influence: 04
owners: p-ann
```

## Use instead
```yaml
coach: true
influence: 4
owners: [p-ann]
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import convert
from ..model import codes

CODE = codes.WRONG_TYPE
NAME = "wrong-type"
SEVERITY = Severity.ERROR
ENFORCED_BY = (convert.Converter.record, convert.Converter.value, convert.Converter.scalar)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
