"""A contact's `id` differs from its file name.

Enforced while loading, by `generator/load/assemble.py` (`assemble`); this module only
documents it.

## What it does
`contacts/c-bob.md` must say `id: c-bob`.

## Why is this bad
References use the id while reviewers and links use the file name; when they differ,
one of them points at nothing and two files can claim the same person.

## Example
```yaml
# accounts/acme/contacts/c-bob.md
id: c-robert
```

## Use instead
```yaml
# accounts/acme/contacts/c-bob.md
id: c-bob
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import assemble
from ..model import codes

CODE = codes.CONTACT_ID_MISMATCH
NAME = "contact-id-mismatch"
SEVERITY = Severity.ERROR
ENFORCED_BY = (assemble.assemble_dossier,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
