"""AP406's quick test before its patterns never hides a hint the patterns find.

The rule first asks whether a note may hold a keyword at all (a word starting as an English
entry does, or a Chinese entry) and runs its hundred-entry patterns only then. Every entry, in
each spelling its pattern allows, in any case and inside a sentence, must still be found; so
must random text that the patterns alone match.
"""

from __future__ import annotations

import itertools
import random
import re

import pytest

from generator.rules import ap406_special_category as rule


def _spellings(entry: str) -> list[str]:
    """Each spelling an English entry's pattern allows (``tumou?r``: tumour, tumor), with a word ending added."""
    entry = entry.removesuffix("$")
    parts = re.split(r"(.\?|\[[a-z]+\])", entry)
    choices = [[p[0], ""] if p.endswith("?") else list(p[1:-1]) if p.startswith("[") else [p] for p in parts]
    return ["".join(c) for c in itertools.product(*choices)]


ENGLISH = [s for english, _ in rule.KEYWORDS.values() for w in english for s in _spellings(w)]
CHINESE = [w for _, chinese in rule.KEYWORDS.values() for w in chinese]


def _found(text: str) -> list[tuple[str, str]]:
    return [(category, match.group(0)) for category, match in rule.hints(text)]


def _found_by_patterns(text: str) -> list[tuple[str, str]]:
    return [(c, m.group(0)) for c, p in rule.PATTERNS.items() if (m := p.search(text)) is not None]


@pytest.mark.parametrize("word", ENGLISH + CHINESE)
def test_every_entry_is_still_found(word: str) -> None:
    for text in (word, word.upper(), word.title(), f"She said: {word}, on Monday.", f"（{word}）"):
        assert _found(text) == _found_by_patterns(text) != [], text


@pytest.mark.parametrize("text", ["recently \u017fick", "h\u0131v", "H\u0130V", "\u212aosher", "ILL",
                                  "goes to \u0345church", "HIV\u0345 positive"])
def test_a_letter_the_patterns_take_for_another_is_found_too(text: str) -> None:
    # Every letter outside ASCII that the patterns take for an ASCII one when ignoring case: long s, the dotless
    # and the dotted i, the Kelvin sign (found by trying every character against every letter).
    assert _found(text) == _found_by_patterns(text) != []


def test_random_notes_give_what_the_patterns_alone_give() -> None:
    pieces = [*ENGLISH, *CHINESE, "the", "meeting", "Monday", "prefers", "tea", "会议", "项目", " ", " ", ", ", "\n",
              "-", "_", "1", "é", "ǅ", "İ", "\u0345", "\u0307", "ß"]
    chance = random.Random(406)
    for _ in range(3000):
        text = "".join(chance.choice(pieces) + chance.choice(["", " "]) for _ in range(chance.randint(1, 6)))
        assert _found(text) == _found_by_patterns(text), text


def test_a_note_without_keywords_skips_the_patterns() -> None:
    assert not rule._may_hold_hint("Prefers meetings before 10:00; no evening dinners. 喜欢上午开会。")
