"""Page keys name findings and scorecards by their text, worked out once per object while it lives
(:func:`generator.model.keys.frozen_repr`): the same text as ``repr``, never a stale one."""

from __future__ import annotations

import gc
import sys

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


def test_a_scorecards_text_is_worked_out_once_while_it_lives() -> None:
    # Slotted scorecards still take weak references: a server's page keys name every person's scorecard.
    from generator.score.types import AccountScore, Figure, PersonScore

    for cls in (AccountScore, PersonScore):
        assert cls.__weakrefoffset__, cls
    figure = Figure("kpi.total", 1.0, "a + b")
    assert keys.frozen_repr([figure]) == repr([figure])


def test_recurring_text_is_one_object() -> None:
    from generator.load.convert import SHARED_LENGTH
    from generator.load.files import load_document
    from generator.model import Activity
    from generator.score.types import Figure, Msg, _shared
    from generator.translate import Said

    text = b"---\ndate: 2026-01-02\nkind: meeting\nsummary: Wants faster delivery\ncontacts: [c-a]\n---\n"
    first, second = (load_document(f"a{i}.md", text, Activity, markdown=True)[0] for i in range(2))
    assert first is not None and second is not None
    assert first.data.kind is second.data.kind and first.data.summary is second.data.summary
    assert first.data.contacts[0] is second.data.contacts[0]
    long = "x" * (SHARED_LENGTH + 1)
    third = load_document("b.md", text.replace(b"Wants faster delivery", long.encode()), Activity, markdown=True)[0]
    assert third is not None and third.data.summary == long and third.data.summary is not sys.intern(long)
    made = [Figure("k", 1.0, "".join(["a ", "+ b"]), worked="".join(["1 ", "+ 2"])) for _ in range(2)]
    assert made[0].formula is made[1].formula and made[0].worked is made[1].worked
    said = Said("translated")
    assert _shared(said) is said  # a subclass of str is left as it is (sys.intern refuses one)
    assert Msg("m", (("n", "".join(["v", "1"])),)).args[0][1] is Msg("m", (("n", "v1"),)).args[0][1]
