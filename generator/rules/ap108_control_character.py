r"""Text holds a control character (NUL, an escape code, a C1 control).

Enforced while loading, by `generator/load/files.py` (any raw character in the file) and
`generator/load/convert.py` (a YAML escape such as `"\0"` in a value); this module only
documents it. The characters are those of `generator/neutralise.py`'s `CONTROL`: U+0000–U+001F
except tab and line feed (a carriage return is read as a line end), U+007F and U+0080–U+009F.
A line break (a line feed, U+2028 …) in a single-line field (a name, a title, a region: the
fields of `generator/model/spec.py`'s `SINGLE_LINE`) is reported under this code too.

## What it does
Reports the line and column of the first control character on each line of a dossier file
(frontmatter, comments and body alike), and each value whose YAML escapes produce one. The
character is read as U+FFFD (�), so the rest of the file still loads and the site shows
where it was; no control character ever reaches a page, a chart or an export. A line break
in a single-line field is reported at the break and read as a space.

## Why is this bad
No honest text holds one: they come from binary pastes, terminal output or mojibake (C1
controls are what cp1252 text read as Latin-1 looks like). YAML and XML cannot carry them,
HTML parsers drop or replace them, a NUL cuts strings short in C tools, and Python-Markdown
uses STX and ETX as its own placeholder markers, so a pasted one could splice other content
into a page. A name is one line in every page, table and chart: a line break in one
(`name: "Acme\n\n## Heading"`) would end the HTML around it in a Markdown page and start a
heading or a list of its own.

## Example
```yaml
name: "Acme\0 Ltd"
title: "CTO\e[31m"
department: "Sales\n\n## Injected"
```

## Use instead
```yaml
name: Acme Ltd
title: CTO
department: Sales
```
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..load import convert, files
from ..model import codes

CODE = codes.CONTROL_CHARACTER
NAME = "control-character"
SEVERITY = Severity.ERROR
ENFORCED_BY = (convert.Converter.scalar, files.load_document)
"""The loader's functions that report this code (while loading, not as a rule's check)."""
