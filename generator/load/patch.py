"""Load a version of a file from another version of it, when they differ only in a few ``key: value`` lines.

History reads every committed version of every dossier, and most commits change one value: a
contact's support, a plan's progress. Parsing the whole file again for that costs as much as the
first time. :func:`patched` gives the same :class:`~generator.model.document.Document` a full
:func:`~generator.load.files.load_document` would, by converting only the changed values, or
``None`` when it cannot be sure — then the caller loads the file in full. It is sure when:

* the earlier version loaded **without any diagnostic** (the caller's to know: a list item the loader
  refused, or a key written twice, would leave positions that do not match the data), both versions decode
  cleanly, have the same number of lines, and hold no character other than a newline that YAML reads as a
  line break (U+0085, U+2028, U+2029), so that a line here is a line for the parser;
* each changed line is ``<indent>[- ]<key>: <value>`` in both, same indent and key, the value a
  short plain scalar (letters, digits, ``. _ + -``, not starting with a sign or dot: nothing YAML
  reads specially, no comment, no quote, no flow collection);
* the earlier version recorded a value of that very key at that line and column (so the line is a
  mapping entry of the frontmatter, not text inside a block scalar or the body), every list on the way
  to it holds as many items as were written (none was refused), and converting the earlier line's text
  gives the value the earlier version holds (so the value did not continue on the next line);
* the new text converts, by the loader's own :class:`~generator.load.convert.Converter`, without a
  diagnostic.

Positions, body and every other value are the earlier version's, which the same lines give. The
diagnostics are not: a caller that needs them (the validator) loads in full; history needs none.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..diagnostics import Loc
from ..model.document import Document
from ..model.keys import content_digest
from ..model.spec import fields, hints
from .convert import INVALID, Converter
from .files import decode
from .yamlnodes import Scalar

_ENTRY = re.compile(r"( *)(- )?([A-Za-z_][A-Za-z0-9_]*): ([A-Za-z0-9][A-Za-z0-9._+-]{0,63})")
_OTHER_BREAKS = re.compile("[\u0085\u2028\u2029]")
"""Line breaks to YAML that ``str.split("\\n")`` does not split at."""
MAX_CHANGED = 8
"""More changed lines than this and a full parse is as quick."""


def patched(path: str, before: bytes, document: Document[Any], raw: bytes) -> Document[Any] | None:
    """``raw`` loaded from ``document`` (``before``'s load, which gave no diagnostic) by converting its changed
    values, or ``None``."""
    if document.partial:
        return None
    old_text, old_problems = decode(path, before)
    new_text, new_problems = decode(path, raw)
    if old_text is None or new_text is None or old_problems or new_problems:
        return None
    if _OTHER_BREAKS.search(old_text) or _OTHER_BREAKS.search(new_text):
        return None
    old_lines, new_lines = old_text.split("\n"), new_text.split("\n")
    if len(old_lines) != len(new_lines):
        return None
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    if len(changed) > MAX_CHANGED:
        return None
    data = document.data
    for i in changed:
        found = _changed_value(path, document, data, i + 1, old_lines[i], new_lines[i])
        if found is None:
            return None
        loc, value = found
        data = _replaced(data, loc, value)
    digest = content_digest(raw)
    return Document(path, data, document.positions, document.body, document.body_line, digest)


def _changed_value(path: str, document: Document[Any], data: Any, line: int, old: str, new: str
                   ) -> tuple[Loc, Any] | None:
    """The loc and new value of one changed line, or ``None`` when the line is not a plain ``key: value`` entry."""
    was, now = _ENTRY.fullmatch(old), _ENTRY.fullmatch(new)
    if was is None or now is None or was.group(1, 2, 3) != now.group(1, 2, 3) or was.start(4) != now.start(4):
        return None
    column = now.start(4) + 1
    loc = document.positions_at(line, column)
    name = now.group(3)
    if not loc or loc[-1] != name:
        return None
    container = _at(document, data, loc[:-1])
    cls = type(container)
    if container is None or not dataclasses.is_dataclass(cls):
        return None
    f, hint = fields(cls)[name], hints(cls)[name]
    converter = Converter(path)
    before = converter.value(Scalar(was.group(4), line, column, True), hint, f, loc)
    if converter.diagnostics or before is INVALID or before != getattr(container, name):
        return None
    value = converter.value(Scalar(now.group(4), line, column, True), hint, f, loc)
    if converter.diagnostics or value is INVALID:
        return None
    return loc, value


def _at(document: Document[Any], data: Any, loc: Loc) -> Any:
    """The value at ``loc`` in a converted record; ``None`` where the data does not hold what positions say: a
    missing value, or a list with fewer items than were written (the loader refused one, so indexes moved)."""
    for depth, part in enumerate(loc):
        if isinstance(part, int):
            if not isinstance(data, list) or (*loc[:depth], len(data)) in document.positions:
                return None
            data = data[part] if 0 <= part < len(data) else None
        else:
            data = getattr(data, part, None) if dataclasses.is_dataclass(type(data)) else None
        if data is None:
            return None
    return data


def _replaced(data: Any, loc: Loc, value: Any) -> Any:
    """A copy of ``data`` with ``value`` at ``loc``, sharing everything else."""
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(head, int):
        items = list(data)
        items[head] = _replaced(items[head], rest, value)
        return items
    return dataclasses.replace(data, **{head: _replaced(getattr(data, head), rest, value)})
