"""argparse's own texts in the CLI's language: ``usage:``, ``error:``, missing or unknown arguments, ``--help``.

argparse looks up its message templates with the module-level ``_`` and ``ngettext`` it
imported from :mod:`gettext`, at the moment it writes them. The language is known only after
parsing, so :func:`early_language` reads it from the command line first (the last ``--lang zh``,
before or after the command, else the ``theme.language`` of the ``--config`` file, else of ``mkdocs.yml``), and
:func:`speaking` swaps argparse's ``_``/``ngettext`` for catalogue look-ups while the command
line is parsed, then restores them. A usage error's text (``argument --today: ...``, or a
value check's own message) is translated by :class:`Parser` as a whole, through the
catalogue's templates; help texts by :func:`translate_help`.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

from ..translate import _FIELD, _regex, catalogue, t, text

_ARGUMENT = re.compile(r"argument (\S+): (.*)\Z", re.S)
"""A usage error about one argument, as argparse words it: the argument's option strings (or name), the message."""

_language = "en"
"""The language of the command line being parsed (set by :func:`speaking`)."""


def early_language(argv: Sequence[str], default_config: str) -> str:
    """The language ``argv`` asks for, before parsing: ``--lang X``/``--lang=X`` (the last one, as the command's own
    comes after the top level's), else the config's, else ``en``."""
    words = list(argv)
    config: str | None = default_config
    asked: str | None = None
    for i, word in enumerate(words):
        if word.startswith("--lang="):
            asked = word.split("=", 1)[1]
        elif word == "--lang" and i + 1 < len(words):
            asked = words[i + 1]
        elif word == "--config" and i + 1 < len(words):
            config = words[i + 1]
        elif word.startswith("--config="):
            config = word.split("=", 1)[1]
    if asked is not None:
        return _known(asked)
    from ..config import site_language

    return site_language(config)


def _known(lang: str) -> str:
    """``zh`` for ``zh``, else ``en`` (an unknown ``--lang`` is reported in English, as argparse rejects it)."""
    return "zh" if lang == "zh" else "en"


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """While inside, argparse writes its templates from the ``lang`` catalogue (English when there is no entry)."""
    global _language
    table = catalogue(lang)
    saved = argparse._, argparse.ngettext, _language  # type: ignore[attr-defined]

    def single(message: str) -> str:
        return table.get(message, message)

    def plural(one: str, many: str, n: int) -> str:
        return single(one if n == 1 else many)

    argparse._, argparse.ngettext, _language = single, plural, lang  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext, _language = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors read in the language being parsed (its subcommands are Parsers too)."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error (translated by the catalogue's templates) and exit 2."""
        about = _ARGUMENT.match(message)
        if about:  # argparse's 'argument %(argument_name)s: %(message)s', left English by speaking(): translated here
            message = t("argument {argument}: {message}", _language, argument=about.group(1),
                        message=text(about.group(2), _language))
        super().error(text(message, _language))


def translate_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """A parser's description and help texts, its arguments' and its subcommands' (and theirs), in ``lang`` where
    the catalogue has them."""
    if parser.description:  # the command's paragraph (its module docstring, reST stripped): an exact entry
        parser.description = catalogue(lang).get(parser.description, parser.description)
    for action in parser._actions:
        if action.help:
            action.help = _help(action.help, lang)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = _help(choice.help, lang) if choice.help else choice.help
            for each in dict.fromkeys(action.choices.values()):
                translate_help(each, lang)



def _help(help_text: str, lang: str) -> str:
    """A help text's exact entry, else the entry of the template it was made from (``help=f"... {x} ..."``).

    Only a template whose literal words make most of the text: a loose one (``{a} ({b})``) would garble it.
    """
    table = catalogue(lang)
    exact = table.get(help_text)
    if exact is not None:
        return exact
    for template, translation in table.items():
        literal = _FIELD.sub("", template)
        if "{" in template and len(literal) * 2 > len(help_text) and (found := _regex(template).match(help_text)):
            return t(translation, lang, **found.groupdict())
    return help_text
