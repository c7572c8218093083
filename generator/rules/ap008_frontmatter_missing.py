"""Frontmatter, an account's main file or the roster is missing, or is not a mapping.

Enforced while loading, by `generator/load/files.py` (`split_frontmatter`,
`load_document`) and `generator/load/discover.py` and `assemble.py` (missing
`account.md`, `roster.yml`); this module only documents it.

## What it does
A Markdown dossier file must open with a `---` line, close the YAML with another, and
hold a mapping of keys; an account folder must have `account.md`; `accounts/` must have
`roster.yml`.

## Why is this bad
Without frontmatter the file carries no data; an empty, list or scalar frontmatter
means the structure is lost; without the roster no owner can be resolved.

## Example
```markdown
- name: Acme
- tier: S
```

## Use instead
```markdown
---
name: Acme
tier: S
---
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import assemble, discover, files, portfolio
from ..model import codes

CODE = codes.FRONTMATTER_MISSING
NAME = "frontmatter-missing"
SEVERITY = Severity.ERROR
ENFORCED_BY = (files.split_frontmatter, files.load_document, discover.discover_folder, assemble.roster_problems,
               portfolio.load_portfolio)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
