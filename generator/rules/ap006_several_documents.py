"""A file holds more than one YAML document.

Enforced while loading, by `generator/load/yamlnodes.py` (`parse`); this module only
documents it.

## What it does
Reports the start of the second document (a `---` line followed by content in
`roster.yml`, or a `--- text` line inside a frontmatter).

## Why is this bad
Only one document is read; the rest would be silently ignored.

## Example
```yaml
people:
  - {id: p-ann, name: Ann, title: AR}
---
people: []
```

## Use instead
```yaml
people:
  - {id: p-ann, name: Ann, title: AR}
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import yamlnodes
from ..model import codes

CODE = codes.SEVERAL_DOCUMENTS
NAME = "several-documents"
SEVERITY = Severity.ERROR
ENFORCED_BY = (yamlnodes.parse,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
