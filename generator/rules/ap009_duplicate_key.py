"""The same key appears twice in one mapping.

Enforced while loading, by `generator/load/files.py` (`duplicate_keys`); this module
only documents it.

## What it does
Reports the second key, naming the line of the first.

## Why is this bad
YAML parsers silently keep the last value: an edit to the first `support:` line would
change nothing, and reviewers would not see why.

## Example
```yaml
support: 2
intimacy: 3
support: 4
```

## Use instead
```yaml
support: 4
intimacy: 3
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import files
from ..model import codes

CODE = codes.DUPLICATE_KEY
NAME = "duplicate-key"
SEVERITY = Severity.ERROR
ENFORCED_BY = (files.duplicate_keys,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
