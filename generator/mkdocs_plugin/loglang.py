"""The plugin's own log lines in the site's language (``theme.language``), as its diagnostics already are.

The build says what it carried over from the previous build, and what history it read, with
plain f-strings in English on ``mkdocs.plugins.accountplan`` and its ``.site`` logger; the
catalogue has their Chinese (``accountplan.po``), matched here by :func:`generator.translate.text`.
A filter on those two loggers rewrites each record's message; a child logger's records (the
dossiers' diagnostics, translated where they are made) do not pass through it.
"""

from __future__ import annotations

import logging

from .. import translate

LOGGERS = ("mkdocs.plugins.accountplan", "mkdocs.plugins.accountplan.site")


class _Translating(logging.Filter):
    """Puts a record's message in :attr:`lang` (English: left as it is)."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = "en"

    def filter(self, record: logging.LogRecord) -> bool:
        if self.lang != "en" and isinstance(record.msg, str) and not record.args:
            record.msg = translate.text(record.msg, self.lang)
        return True


_FILTER = _Translating()


def use(lang: str) -> None:
    """Write the plugin's log lines in ``lang`` from now on (each build's ``on_config``)."""
    _FILTER.lang = lang
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
