"""Did-you-mean: the closest known name to a misspelt one, for messages about ids, codes and settings."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known name most like ``word`` (case-insensitively), or ``None`` when none is as close as ``cutoff``."""
    names = {name.lower(): name for name in known}
    match = difflib.get_close_matches(word.lower(), list(names), n=1, cutoff=cutoff)
    return names[match[0]] if match else None


def did_you_mean(word: str, known: Iterable[str], cutoff: float = 0.6) -> str:
    """``"did you mean 'x'?"`` for the closest known name, or ``""``."""
    match = closest(word, known, cutoff)
    return f"did you mean '{match}'?" if match else ""
