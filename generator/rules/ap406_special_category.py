"""Free-text personal notes hint at special-category data (health, religion, politics…).

## What it does
Looks for words that suggest special categories of personal data — health, religion or
belief, political opinion, sexual orientation, trade-union membership, ethnic origin —
in the free-text fields about a person: `personal.notes`, `personal.preferences`,
`goals`, and the contact file's Markdown body. English and Chinese keyword lists; a
warning points at the field's line (for the body, at the line in the file).

## Why is this bad
Data-protection law (GDPR article 9, China's PIPL article 28) treats these categories as
sensitive: recording them needs an explicit legal basis that a sales dossier never has.
A remark such as "diagnosed with…" or "党员" pasted into notes about a customer's
manager is exactly what an erasure request or an audit finds. The tool cannot know
what is true; it flags the words so a person decides.

## Example
```yaml
personal:
  notes: Recently diagnosed with diabetes; goes to church on Sundays.
```

## Use instead
```yaml
personal:
  notes: Prefers meetings before 10:00; no evening dinners.
```
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..config import Settings
from ..diagnostics import Diagnostic, Loc, Severity
from ..model import Contact, Roster
from ..model.document import Document
from ..model.portfolio import Dossier

CODE = "AP406"
NAME = "special-category-hint"
SEVERITY = Severity.WARNING

# English entries are word starts (``pregnan`` finds "pregnant", "pregnancy"; a final
# ``$`` asks for the whole word so that "hospital" does not find "hospitality").
# Chinese has no word boundaries: entries are plain substrings, chosen to be specific
# (``生病`` rather than ``病``, which also means "fault"; ``做礼拜`` since ``下礼拜`` is "next week";
# ``少数民族`` since ``民族品牌`` is a "national brand"). Words that are also first names
# ("Christian") are left out.
KEYWORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "health": (
        ("diagnos", "illness$", "ill$", "sick", "disease", "cancer", "tumou?r", "pregnan", "disabilit", "disabled$",
         "surgery", "hospital$", "hospitali[sz]", "therapy", "therapist", "depress", "anxiety", "mental health",
         "medication", "chemo", "diabet", "hiv$", "rehab$", "maternity", "miscarr"),
        ("生病", "患病", "病情", "病假", "疾病", "住院", "手术", "癌", "抑郁", "焦虑症", "残疾", "确诊", "诊断",
         "怀孕", "孕期", "备孕", "流产", "糖尿病", "化疗", "吃药"),
    ),
    "religion or belief": (
        ("church", "mosque", "synagogue", "religio", "pray", "bible", "quran", "koran", "ramadan", "halal$",
         "kosher$", "buddhis", "muslim", "islamic", "jewish", "hindu", "catholic", "protestant", "atheis"),
        ("宗教", "教会", "教堂", "基督", "佛教", "信佛", "清真", "穆斯林", "伊斯兰", "做礼拜", "寺庙", "信教", "天主教",
         "斋月"),
    ),
    "political opinion": (
        ("party member", "political", "politics", "votes? for", "voted for", "activist", "communist",
         "socialist", "conservative party", "labour party", "democrat$", "republican$"),
        ("党员", "入党", "政治", "政党", "共产党", "民主党", "政见", "党派"),
    ),
    "sexual orientation": (
        ("gay$", "lesbian", "bisexual", "homosexual", "transgender", "lgbt", "sexual orientation", "queer$"),
        ("同性恋", "性取向", "跨性别", "双性恋"),
    ),
    "trade-union membership": (
        ("trade union", "labou?r union", "union member", "shop steward", "works council"),
        ("工会",),
    ),
    "ethnic origin": (
        ("ethnic", "racial"),
        ("少数民族", "民族身份", "种族", "族裔"),
    ),
}


def _pattern(english: tuple[str, ...], chinese: tuple[str, ...]) -> re.Pattern[str]:
    words = [rf"\b{w[:-1]}\b" if w.endswith("$") else rf"\b{w}\w*" for w in english]
    return re.compile("|".join([*words, *(re.escape(w) for w in chinese)]), re.IGNORECASE)


PATTERNS: dict[str, re.Pattern[str]] = {category: _pattern(*lists) for category, lists in KEYWORDS.items()}

FIELDS: tuple[Loc, ...] = (("personal", "notes"), ("personal", "preferences"), ("goals",))
"""The free-text frontmatter fields about a person."""


def _spellings(word: str) -> list[str]:
    """Each spelling a word of an entry allows (``tumou?r``: tumour, tumor; ``hospitali[sz]``: two)."""
    parts = re.split(r"(.\?|\[[a-z]+\])", word)
    choices = [[p[0], ""] if p.endswith("?") else list(p[1:-1]) if p.startswith("[") else [p] for p in parts]
    return ["".join(chosen) for chosen in itertools.product(*choices)]


def _words(english: list[str]) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """What the first word of a text an English entry finds is: exactly one of the first set (an entry of a whole
    word, ``ill$``, or of several, ``trade union``), or a word starting with one of the starts in the second, by their
    first four letters (``diagnos``)."""
    whole: set[str] = set()
    starts: dict[str, tuple[str, ...]] = {}
    for entry in english:
        first, space, _ = entry.removesuffix("$").partition(" ")
        if space or entry.endswith("$"):
            whole.update(_spellings(first))
            continue
        for start in _spellings(first):
            assert len(start) >= 4, start  # else add it to the whole words
            starts[start[:4]] = (*starts.get(start[:4], ()), start)
    return frozenset(whole), starts


_WHOLE, _STARTS = _words([w for english, _ in KEYWORDS.values() for w in english])
_CHINESE = tuple(w for _, chinese in KEYWORDS.values() for w in chinese)
_WORD = re.compile(r"\w+")
_FOLDED_AS_PATTERNS = {0x130: "i", 0x131: "i", 0x345: " "}
"""Where case folding and the patterns part ways: the two letters the patterns take for ``i`` that folding does not
make one (İ, ı), and the combining ypogegrammeni, which the patterns see as no letter (a word ends there) but folding
makes a letter (ι), hiding the word beside it (found by trying every character)."""


def _may_hold_hint(text: str) -> bool:
    """Whether ``text`` may hold a keyword: a word starting as an English entry does, or a Chinese entry.

    A quick test before the patterns, which try each of about a hundred entries at every
    position (about 70 µs a contact note, 2 CPU s of a build at 1,000 accounts); most notes hold none.
    """
    folded = text.casefold() if text.isascii() else text.translate(_FOLDED_AS_PATTERNS).casefold()  # "ſick" is "sick"
    for word in _WORD.findall(folded):
        starts = _STARTS.get(word[:4])
        if word in _WHOLE or (starts is not None and word.startswith(starts)):
            return True
    return not text.isascii() and any(w in text for w in _CHINESE)


def hints(text: str) -> Iterator[tuple[str, re.Match[str]]]:
    """``(category, match)`` for the first hint of each category in ``text``."""
    if not _may_hold_hint(text):
        return
    for category, pattern in PATTERNS.items():
        match = pattern.search(text)
        if match:
            yield category, match


def check(dossier: Dossier, roster: Document[Roster] | None, settings: Settings) -> Iterator[Diagnostic]:
    """Yield a warning per category found in each personal field and body line."""
    for doc in dossier.contacts:
        yield from _fields(doc)
        yield from _body(doc)


def _fields(doc: Document[Contact]) -> Iterator[Diagnostic]:
    contact = doc.data
    values: dict[Loc, str | None] = {
        ("personal", "notes"): contact.personal.notes if contact.personal else None,
        ("personal", "preferences"): contact.personal.preferences if contact.personal else None,
        ("goals",): contact.goals,
    }
    for loc in FIELDS:
        text = values[loc]
        if not text:
            continue
        for category, match in hints(text):
            yield doc.diagnostic(CODE, SEVERITY, _message(category, match, ".".join(map(str, loc))), _HINT, loc)


def _body(doc: Document[Contact]) -> Iterator[Diagnostic]:
    if not _may_hold_hint(doc.body):
        return
    for offset, line in enumerate(doc.body.split("\n")):
        for category, match in hints(line):
            yield Diagnostic(doc.path, doc.body_line + offset, match.start() + 1, CODE, SEVERITY,
                             _message(category, match, "the notes below the frontmatter"), _HINT, ("body",))


def _message(category: str, match: re.Match[str], where: str) -> str:
    return f"'{match.group(0)}' in {where} may record {category}, a special category of personal data"


_HINT = ("delete it unless there is an explicit legal basis; keep only what the relationship needs "
         "(turn the rule off for a field you have reviewed with rules: {AP406: off})")
