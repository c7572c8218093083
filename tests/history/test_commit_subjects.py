"""A commit's subject is free text no sensitivity label covers: one that names a hidden contact is not shown."""

from __future__ import annotations

from generator.history.people import subject as _subject

HIDDEN = {"c-zed-secret", "Zedsecret Canaryperson"}


def test_a_subject_naming_a_hidden_contact_is_left_out() -> None:
    assert _subject("Zedsecret Canaryperson met us", HIDDEN) == ""
    assert _subject("met  zedsecret   CANARYPERSON", HIDDEN) == ""      # case and spacing do not matter
    assert _subject("Canaryperson Zedsecret moved", HIDDEN) == ""       # either order of a two-word name
    assert _subject("support from c-zed-secret", HIDDEN) == ""          # the id too


def test_other_subjects_are_kept() -> None:
    assert _subject("Clara Vos is now a champion", HIDDEN) == "Clara Vos is now a champion"
    assert _subject("anything", set()) == "anything"
