"""A file cannot be read, or its bytes are not UTF-8.

Enforced while loading, by `generator/load/files.py` (`decode`) and
`generator/load/tasks.py` (unreadable files); this module only documents it.

## What it does
Reports the line, column and byte offset of the first byte that is not valid UTF-8,
and files the operating system refuses to read.

## Why is this bad
Text pasted from Word or a web page often brings cp1252 dashes and quotes (byte `0x96`).
Guessing the encoding would silently turn names into mojibake on the site.

## Example
```yaml
title: Head of IT – Operations    # saved as cp1252: the dash is byte 0x96
```

## Use instead
```yaml
title: Head of IT – Operations    # the same text saved as UTF-8
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import files, tasks
from ..model import codes

CODE = codes.NOT_UTF8
NAME = "not-utf8"
SEVERITY = Severity.ERROR
ENFORCED_BY = (files.decode, tasks.load_task)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
