"""Conventions every subcommand shares: paths that must exist, and help text without reST markup."""

from __future__ import annotations

import argparse
import os
import re

_LITERAL = re.compile(r"``([^`]+)``")
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def plain(text: str | None) -> str | None:
    """``text`` with reST literals and roles (``x``, :mod:`x`) as plain words, for ``--help``."""
    return None if text is None else _ROLE.sub(r"\1", _LITERAL.sub(r"\1", text))


def plain_help(parser: argparse.ArgumentParser) -> None:
    """Strip reST markup from a parser's description and its arguments' help (docstrings feed both)."""
    parser.description = plain(parser.description)
    for action in parser._actions:
        action.help = plain(action.help)


def existing_path(text: str) -> str:
    """An argument naming a file or folder that exists; anything else is a usage error (exit 2), a pipe, socket or
    device too (it is never read: checked alone, it passed)."""
    if not os.path.lexists(text):
        raise argparse.ArgumentTypeError(f"{text}: no such file or folder")
    if os.path.exists(text) and not (os.path.isfile(text) or os.path.isdir(text)):
        raise argparse.ArgumentTypeError(f"{text}: not a regular file or folder (a pipe, socket or device)")
    return text
