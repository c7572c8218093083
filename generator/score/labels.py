"""English and Chinese labels of every figure key, in the method's own vocabulary (METHOD.md §3).

The tables are data (``labels.toml`` beside this module); this module composes messages from them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..translate import language
from ..translate.language import Pair, index, labels, pairs
from .types import Msg, MsgArg

_LABELS = labels("generator.score")
LABELS: dict[str, Pair] = pairs(_LABELS["figures"])
"""Figure key → label (``[figures]`` of ``labels.toml``)."""


def label(key: str, lang: str = "en") -> str:
    """The label of ``key`` in ``lang`` (``en`` or ``zh``, e.g. ``zh-CN``); the key itself when unknown."""
    return language.label(LABELS, key, lang)


TEXTS: dict[str, Pair] = pairs(_LABELS["texts"])
"""Message key → (English template, Chinese template): every formula and note the scorer writes. ``{name}`` is an
argument: literal text, a term (``Msg("term", (("name", "sales"),))``) or a list of terms."""
TERMS: dict[str, str] = dict(_LABELS["terms"])
"""English term (input name, part name) → Chinese, in the method's vocabulary."""
VALUE_TEXTS: dict[str, Pair] = pairs(_LABELS["value_texts"])
"""Templates of composed input names and values; ``split_name`` reads them back."""

TERM = "term"
SEPARATORS = {"f.weighted": (" + ", " + "), "f.weighted_renormalised": (" + ", " + ")}
"""How a list argument is joined, by message key; otherwise ``, `` and ``、``."""


def term(name: str) -> Msg:
    """A term (input or part name) as a message argument."""
    return Msg(TERM, (("name", name),))


def terms(names: Iterable[str]) -> tuple[Msg, ...]:
    """Several terms, for a list argument."""
    return tuple(term(n) for n in names)


def msg(key: str, **args: MsgArg) -> Msg:
    """A message; raises ``KeyError`` for an unknown key so that a typo fails the tests at once."""
    if key not in TEXTS:
        raise KeyError(key)
    return Msg(key, tuple(args.items()))


def term_text(name: str, lang: str = "en") -> str | None:
    """``name`` in ``lang``; ``None`` in Chinese when the term is not in the table."""
    if not index(lang):
        return name
    return TERMS.get(name)


def text(message: Msg, lang: str = "en") -> str:
    """The message in ``lang``; in Chinese an unknown term shows in English (the tests forbid that)."""
    if message.key == TERM:
        name = str(dict(message.args)["name"])
        return term_text(name, lang) or name
    i = index(lang)
    joiner = SEPARATORS.get(message.key, (", ", "、"))[i]
    values: dict[str, str] = {}
    for name, arg in message.args:
        if isinstance(arg, Msg):
            values[name] = text(arg, lang)
        elif isinstance(arg, tuple):
            values[name] = joiner.join(text(a, lang) for a in arg)
        else:
            values[name] = arg
    return TEXTS[message.key][i].format(**values)


def joined(messages: Iterable[Msg], lang: str = "en") -> str:
    """Several notes as one text, the way ``Figure.note`` joins them."""
    return ("; " if not index(lang) else "；").join(text(m, lang) for m in messages)


def composed(template: str, lang: str = "en", **parts: str) -> str:
    """A composed input name or value (``VALUE_TEXTS``), its word parts translated in Chinese."""
    shown = {k: (term_text(v, lang) or v) if k in ("name", "kind") else v for k, v in parts.items()}
    return VALUE_TEXTS[template][index(lang)].format(**shown)


def input_name(name: str, lang: str = "en") -> str | None:
    """An input's name in ``lang``: a term, a composed name (``x weight``, ``plan p1 (overdue)``) or an id.

    ``None`` when Chinese is asked and the name is none of those.
    """
    if not index(lang):
        return name
    if name in TERMS:
        return TERMS[name]
    if name.endswith(" weight") and name[:-7] in TERMS:
        return composed("weight", lang, name=name[:-7])
    kind, _, rest = name.partition(" ")
    if kind in ("plan", "initiative") and rest:
        overdue = rest.endswith(" (overdue)")
        ident = rest[:-10] if overdue else rest
        return composed("item_overdue" if overdue else "item", lang, kind=kind, id=ident)
    if " " not in name and name.isascii():
        return name  # an id: a slug/contact pair in a person's relationships, an account slug in a roll-up
    return None


def input_value(name: str, value: str, lang: str = "en") -> str | None:
    """A text input value in ``lang``: the KPI source (``2024 record``), else the value as recorded."""
    if not index(lang) or name != "from":
        return value
    year, _, word = value.partition(" ")
    if word == "record" and year.isdigit():
        return composed("record", lang, year=year)
    return TERMS.get(value)
