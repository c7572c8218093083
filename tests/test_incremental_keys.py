"""Page keys name findings and scorecards by their text, worked out once per object while it lives
(:func:`generator.model.keys.frozen_repr`): the same text as ``repr``, never a stale one."""

from __future__ import annotations

import gc

from generator.diagnostics import Diagnostic, Severity
from generator.model import keys


def _finding(message: str) -> Diagnostic:
    return Diagnostic("accounts/a/account.md", 2, 7, "AP305", Severity.WARNING, message, "hint")


def test_the_text_is_repr_and_follows_the_object() -> None:
    first, second = _finding("one"), _finding("two")
    assert keys.frozen_repr([first, second]) == repr([first, second])
    assert keys.frozen_repr([]) == "[]" and keys.frozen_repr(None) == "None"
    assert keys.frozen_repr(first) == repr(first)  # kept: asked again, the same text
    assert id(first) in keys._reprs
    ident = id(first)
    del first
    gc.collect()
    assert ident not in keys._reprs or keys._reprs[ident][0]() is not None  # dropped with its object
    other = _finding("three")  # may reuse the id: never answered with the old text
    assert keys.frozen_repr(other) == repr(other)
