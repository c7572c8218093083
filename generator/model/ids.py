"""The one id syntax: slugs, file names and every id that names a file or a URL.

Account folders, contact and activity file names, and every id field of the model (see
:func:`generator.model.spec.names_id`) become paths and links: an id such as
``../../README`` would be a path out of the output folder. One syntax — lower-case ASCII
letters, digits and single ``-`` between them, no Windows device name — makes every id safe
as a file name and a URL segment on every operating system.
"""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def slug_problem(name: str) -> str | None:
    """Why ``name`` is not a valid slug, file stem or id, or ``None`` when it is."""
    if not SLUG.fullmatch(name):
        if any(ord(ch) > 127 for ch in name):
            return "contains non-ASCII characters (look-alike letters are refused)"
        return "may hold only lower-case letters a-z, digits and single '-' between them"
    if name in RESERVED:
        return "is a reserved device name on Windows"
    return None
