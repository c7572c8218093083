"""An id does not follow the id syntax.

Enforced while loading, by `generator/load/convert.py` (every field that `names_id` in
`generator/model/spec.py` marks: fields named `id`, references, and `parent`), with the
syntax of `generator/model/ids.py`; this module only documents it.

## What it does
Every id — of a person in the roster, a contact, a source, a plan, an initiative, an issue,
a gift — and every reference to one (`owners`, `reports_to`, `people`, `parent` …) may hold
only lower-case ASCII letters, digits and single `-` between them, and may not be a Windows
device name. The same syntax as account folders and file names (AP004).

## Why is this bad
Ids become file names and links: a person's page is `team/<id>.md`, an account's is
`accounts/<slug>/`. An id such as `../../README` would make `accountplan render --out`
overwrite the project's README, and `mkdocs serve` write and delete files outside the
project. Upper case, spaces and look-alike letters make ids that differ only to a machine.

## Example
```yaml
people:
  - {id: ../../README, name: Ann Lee, title: Account manager}
  - {id: P_Bob, name: Bob Ma, title: Sales}
```

## Use instead
```yaml
people:
  - {id: p-ann-lee, name: Ann Lee, title: Account manager}
  - {id: p-bob-ma, name: Bob Ma, title: Sales}
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import convert
from ..model import codes

CODE = codes.INVALID_ID
NAME = "invalid-id"
SEVERITY = Severity.ERROR
ENFORCED_BY = (convert.Converter.scalar,)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
