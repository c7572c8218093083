"""The site's two languages, the one test of which a language tag means, and the one label type.

Every label is a :class:`Pair` ``(English, Chinese)``, read from a ``labels.toml`` beside the module that
owns it (:func:`labels`) and looked up with :func:`label`; a MkDocs ``theme.language``, a ``--lang``
option or a catalogue name is read as Chinese when it names any Chinese variant (``zh``, ``zh-CN``,
``zh-Hans``) and as English otherwise.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

LANGUAGES = ("en", "zh")
"""The languages every label, page and message exists in."""


def is_zh(tag: str | None) -> bool:
    """Whether ``tag`` names Chinese in any variant (``zh``, ``zh-CN``, ``zh-Hans``...)."""
    return (tag or "en").lower().startswith("zh")


def normalize(tag: str | None) -> str:
    """``zh`` for any Chinese tag, else ``en``."""
    return "zh" if is_zh(tag) else "en"


def index(tag: str | None) -> int:
    """The column of ``tag`` in an ``(English, Chinese)`` label pair: 0 or 1."""
    return 1 if is_zh(tag) else 0


class Pair(NamedTuple):
    """One label in both languages."""

    en: str
    """The English text."""
    zh: str
    """The Simplified Chinese text."""


Table = Mapping[str, Pair]
"""Key → label."""


def label(table: Table, key: str, lang: str | None, default: str | None = None) -> str:
    """``key``'s label in ``lang``; ``default`` (the key itself when not given) when the table lacks it."""
    pair = table.get(key)
    if pair is None:
        return key if default is None else default
    return pair[index(lang)]


@cache
def labels(package: str) -> dict[str, Any]:
    """The sections of ``package``'s ``labels.toml``: each a table of ``key = [English, Chinese]`` (read with
    :func:`pairs`) or of further sections. Read once; callers must not change it."""
    with resources.files(package).joinpath("labels.toml").open("rb") as handle:
        return tomllib.load(handle)


def pairs(section: Mapping[str, list[str]]) -> dict[str, Pair]:
    """A section of a ``labels.toml`` as a table; fails at import on an entry that is not two texts."""
    table = {key: Pair(*texts) for key, texts in section.items()}
    assert all(isinstance(t, str) for pair in table.values() for t in pair), section
    return table
