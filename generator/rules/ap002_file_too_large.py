"""A file is larger than the loader accepts.

Enforced while loading, by `generator/load/files.py` (`decode`, `MAX_BYTES`), before
any parsing; this module only documents it.

## What it does
Refuses any dossier file over 1,000,000 bytes without parsing it.

## Why is this bad
No frontmatter needs a megabyte. A huge file is a pasted export or an attachment in the
wrong place, and parsing it would cost every build time and memory.

## Example
```text
accounts/acme/activities/2026-11-02-visit.md   # 4 MB: a PDF pasted as base64
```

## Use instead
```text
accounts/acme/activities/2026-11-02-visit.md   # the notes; link to the document instead
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import files
from ..model import codes

CODE = codes.FILE_TOO_LARGE
NAME = "file-too-large"
SEVERITY = Severity.ERROR
ENFORCED_BY = (files.decode,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
