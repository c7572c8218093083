"""A folder or file name is not a valid slug.

Enforced while loading, by `generator/load/files.py` (`slug_problem`) and
`generator/load/discover.py` (`discover`); this module only documents it.

## What it does
Account folders and contact/activity file names (without `.md`) may hold only lower-case
ASCII letters, digits and single `-` between them. Windows device names (`con`, `nul`,
`com1` …) and two names differing only by case are refused too.

## Why is this bad
Names become URLs and paths on every operating system. `%2e%2e` or `../x` escape
folders, `CON` cannot be checked out on Windows, `Acme` and `acme` collide on macOS,
and a Cyrillic `а` in `аcme` looks identical to the real account.

## Example
```text
accounts/Acme Corp/    accounts/аcme/ (Cyrillic а)    contacts/Bob_Smith.md
```

## Use instead
```text
accounts/acme-corp/    accounts/acme/    contacts/c-bob-smith.md
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import discover
from ..model import codes

CODE = codes.BAD_NAME
NAME = "bad-name"
SEVERITY = Severity.ERROR
ENFORCED_BY = (discover.discover_root, discover.discover_folder)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
