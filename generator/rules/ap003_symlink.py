"""A symbolic link inside `accounts/` is refused.

Enforced while loading, by `generator/load/discover.py` (`discover`); this module only
documents it.

## What it does
Reports every symbolic link under `accounts/` (files and folders alike) and does not follow it.

## Why is this bad
A link can point out of the repository (`/etc/passwd`, `../..`) and publish files that
were never reviewed as dossiers, or make one account appear twice.

## Example
```text
accounts/acme/contacts/c-bob.md -> /etc/passwd
```

## Use instead
```text
accounts/acme/contacts/c-bob.md    # a regular file
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import discover
from ..model import codes

CODE = codes.SYMLINK
NAME = "symlink"
SEVERITY = Severity.ERROR
ENFORCED_BY = (discover.discover_root, discover.discover_folder)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
