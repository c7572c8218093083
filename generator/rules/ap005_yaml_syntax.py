"""The frontmatter is not valid YAML.

Enforced while loading, by `generator/load/yamlnodes.py` (`parse`); this module only
documents it.

## What it does
Reports the line and column where the YAML parser gave up, with its reason.

## Why is this bad
A file that does not parse contributes nothing: its contacts vanish from the map.

## Example
```yaml
investment_areas: [cloud, edge
```

## Use instead
```yaml
investment_areas: [cloud, edge]
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import yamlnodes
from ..model import codes

CODE = codes.YAML_SYNTAX
NAME = "yaml-syntax"
SEVERITY = Severity.ERROR
ENFORCED_BY = (yamlnodes.parse,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
