"""The site's two languages, and the one test of which a language tag means.

Every label table is ``(English, Chinese)``; a MkDocs ``theme.language``, a ``--lang`` option or a
catalogue name is read as Chinese when it names any Chinese variant (``zh``, ``zh-CN``, ``zh-Hans``)
and as English otherwise.
"""

from __future__ import annotations

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
