"""Text holds an invisible bidirectional control character.

Enforced while loading, by `generator/load/convert.py` (frontmatter values) and
`generator/load/files.py` (the Markdown body); this module only documents it.

## What it does
Flags U+202A–U+202E and U+2066–U+2069 anywhere in a value or in the body.

## Why is this bad
These characters reorder how text is displayed: a reviewer reads one thing in the pull
request and the site shows another ("Trojan Source").

## Example
```yaml
name: "Bob \u202eevil"
```

## Use instead
```yaml
name: Bob Smith
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import convert, files
from ..model import codes

CODE = codes.BIDI_CONTROL
NAME = "bidi-control"
SEVERITY = Severity.ERROR
ENFORCED_BY = (convert.Converter.scalar, files.load_document)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
