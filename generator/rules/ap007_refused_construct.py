"""A YAML construct a dossier never needs: anchor, alias, tag, or absurd nesting.

Enforced while loading, by `generator/load/yamlnodes.py` (`parse`), before any value is
built; this module only documents it.

## What it does
Refuses anchors (`&a`), aliases (`*a`), explicit tags (`!!python/object/apply:…`,
`!!str`) and nesting deeper than 64 levels, at the first one found.

## Why is this bad
Aliases nested a few levels deep expand into billions of nodes (the alias bomb); tags
ask a loader to build objects or run code; deep nesting exhausts the stack. Plain
dossiers need none of them, and refusing them keeps every file cheap and safe to load.

## Example
```yaml
owners: &o [p-ann]
dotted_to: !!python/object/apply:os.system ["id"]
```

## Use instead
```yaml
owners: [p-ann]
dotted_to: [c-bob]
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import yamlnodes
from ..model import codes

CODE = codes.REFUSED_CONSTRUCT
NAME = "refused-construct"
SEVERITY = Severity.ERROR
ENFORCED_BY = (yamlnodes.parse,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
