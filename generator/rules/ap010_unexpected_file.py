"""A file or folder that the layout does not expect is ignored.

Enforced while loading, by `generator/load/discover.py` (`discover`); this module only
documents it.

## What it does
Warns about anything in `accounts/` other than `roster.yml` and account folders, in an
account folder other than `account.md`, `contacts/`, `activities/`, `opportunities/` and
`actions/`, and about non-`.md` files in those four folders. Names starting with `.` are
skipped. A pipe, socket or device anywhere in `accounts/` is reported and never opened:
reading a pipe waits for a writer, and one added by a pull request would stop every check.

## Why is this bad
Data in an unexpected place is never read: a contact saved as `c-bob.txt` silently
drops out of the relationship map.

## Example
```text
accounts/acme/contacts/c-bob.txt
```

## Use instead
```text
accounts/acme/contacts/c-bob.md
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import discover
from ..model import codes

CODE = codes.UNEXPECTED_FILE
NAME = "unexpected-file"
SEVERITY = Severity.WARNING
ENFORCED_BY = (discover.discover_root, discover.discover_folder)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
