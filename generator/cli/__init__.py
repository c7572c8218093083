"""``accountplan``: the command line. Each subcommand is a module with ``add`` and ``run``."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from ..translate.language import LANGUAGES
from .args import plain_help
from .argtext import Parser, early_language, speaking, translate_help
from .project import project_above, relative

DEFAULT_CONFIG = "mkdocs.yml"
"""Settings file read when ``--config`` is not given (its absence means the defaults)."""

COMMANDS = ("check", "schema", "score", "render", "build", "new", "fmt", "diff", "source", "lsp", "migrate")
"""Subcommand modules in this package, in help order."""


def parser(argv: Sequence[str] | None = None, lang: str = "en") -> argparse.ArgumentParser:
    """The argument parser, its help texts in ``lang``; given ``argv``, with only the subcommand it names when that
    is clear.

    Each subcommand module imports what it needs (the renderer, the loader...): importing
    them all took a quarter of a quick ``check``. Help and anything unclear get every subcommand.
    """
    top = Parser(prog="accountplan", description="Account plans as code.")
    top.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    top.add_argument("--config", help=f"mkdocs.yml with the plugin settings (default: {DEFAULT_CONFIG} "
                                      "if it exists; '' for none)")
    add_lang_option(top, "top_lang")  # accountplan --lang zh check: the same as accountplan check --lang zh
    sub = top.add_subparsers(dest="command", required=True)
    for name in COMMANDS if argv is None else _wanted(argv):
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue
            raise
        command = module.add(sub)
        command.set_defaults(run=module.run)
        if not _has_lang(command):
            add_lang_option(command)
        plain_help(command)
    translate_help(top, lang)
    return top


def add_lang_option(command: argparse.ArgumentParser, dest: str = "lang") -> None:
    """``--lang en|zh``: the language of the command's messages (``args.language`` holds the one chosen).

    The top level's is kept apart (``dest``): a subcommand's own default would overwrite it when parsed.
    """
    command.add_argument("--lang", choices=LANGUAGES, dest=dest,
                         help="language of the messages (default: theme.language of mkdocs.yml, else en)")


def _has_lang(command: argparse.ArgumentParser) -> bool:
    """Whether the command, or each of its subcommands (``new account``, ``source add``), takes ``--lang``."""
    for action in command._actions:
        if "--lang" in action.option_strings:
            return True
        if isinstance(action, argparse._SubParsersAction):
            return all(_has_lang(p) for p in action.choices.values())
    return False


def _wanted(argv: Sequence[str]) -> Sequence[str]:
    """The subcommand ``argv`` runs, alone, when it comes right after the top-level options; else all of them."""
    args = list(argv)
    i = 0
    while i < len(args):
        if args[i] in ("--config", "--lang"):
            i += 2
        elif args[i].startswith(("--config=", "--lang=")):
            i += 1
        elif args[i] in COMMANDS:
            return (args[i],)
        else:
            return COMMANDS
    return COMMANDS


def _version() -> str:
    """The installed distribution's version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("accountplan")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status (130 after Ctrl-C, 143 after ``SIGTERM``, without
    a traceback, from the moment this function runs: the console script's own imports before it are Python's to
    interrupt)."""
    from ..termination import exit_status, stop_on_termination

    stop_on_termination()  # kill or a CI job's cancel: the pools' workers are ended, not left behind
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt as interrupt:  # while reading the settings or parsing the command line too
        return exit_status(interrupt)


def _main(words: Sequence[str]) -> int:
    """:func:`main` of the command line ``words``."""
    early = early_language(words, DEFAULT_CONFIG)
    from ..translate import t as _t

    with speaking(early):  # argparse's usage, errors and help in the language asked for (its headings are made here)
        top = parser(words, early)
        args = top.parse_args(words)
        if getattr(args, "lang", None) is None:
            args.lang = args.top_lang
        if args.config is None:
            above = project_above(args, DEFAULT_CONFIG)
            if above is not None:
                print(_t("accountplan {command}: there is no {config} here, but {folder} has one: run from that "
                         "folder (the project folder) or pass --config", args.lang or early, command=args.command,
                         config=DEFAULT_CONFIG, folder=relative(above)), file=sys.stderr)
                return 2
            args.config = DEFAULT_CONFIG
        elif args.config and os.path.exists(args.config) and not os.path.isfile(args.config):  # a pipe waits
            top.error(_t("--config {path}: not a regular file", args.lang or early, path=args.config))
        elif args.config and not os.path.isfile(args.config):  # "" (as mypy's --config-file=): no settings file
            top.error(_t("--config {path}: no such file", args.lang or early, path=args.config))
    from ..config import site_language

    args.language = args.lang or site_language(args.config)  # messages; --lang alone changes what build makes
    try:
        return int(args.run(args))
    except KeyboardInterrupt as interrupt:
        from ..termination import exit_status

        return exit_status(interrupt)
    except BrokenPipeError:
        return 0
    except (ValueError, OSError) as exc:
        print(_t("accountplan: {message}", args.language, message=_error_text(exc, args.language)), file=sys.stderr)
        return 2
    finally:
        _warn_of_refused_caches(args.language)


def _warn_of_refused_caches(lang: str) -> None:
    """Say once, on stderr, when the user's cache folder was not safe to use (nothing was cached then)."""
    from .. import usercache
    from ..translate import t as _t
    from ..translate import text

    for message in usercache.refusals():
        print(_t("accountplan: warning: {message}", lang, message=text(message, lang)), file=sys.stderr)


def _error_text(exc: ValueError | OSError, lang: str) -> str:
    """An error's text in ``lang``; an operating system's error about a path in the catalogue's words, path kept.

    English keeps Python's own text (``[Errno 2] No such file or directory: 'x'``).
    """
    from ..translate import exception_text
    from ..translate import t as _t

    path = getattr(exc, "filename", None)
    if lang == "en" or path is None:
        return exception_text(exc, lang)
    if isinstance(exc, FileNotFoundError):
        return _t("no such file or folder: {path}", lang, path=path)
    if isinstance(exc, NotADirectoryError):
        return _t("not a folder: {path}", lang, path=path)
    if isinstance(exc, IsADirectoryError):
        return _t("is a folder, not a file: {path}", lang, path=path)
    if isinstance(exc, PermissionError):
        return _t("permission denied: {path}", lang, path=path)
    return exception_text(exc, lang)


if __name__ == "__main__":
    sys.exit(main())


def add_profile_option(command: argparse.ArgumentParser) -> None:
    """``--profile NAME``: the build profile whose sensitivity level the output may show (default internal).

    Every command whose output leaves the editor's terminal (the site, scores, the pull-request
    diff and its maps) takes it, so no output shows more than the internal build unless asked.
    """
    command.add_argument("--profile", help="build profile from the plugin's 'profiles' (default: the plugin's "
                         "'profile' in the settings file, else the internal level); the output shows only what that "
                         "profile's site shows")


def chosen_profile(profile: str | None, config_file: str | None) -> str | None:
    """``--profile``, else the ``profile`` the settings file's plugin section names (following ``INHERIT``), as
    ``mkdocs build`` and ``accountplan build`` of that file use: output for a site configured for a narrower
    audience is never wider because the flag was left out (docs/privacy.md). ``ValueError`` for a file that asks
    for a wider level than a file it inherits, as its build would."""
    if profile is not None or not config_file or not os.path.isfile(config_file):
        return profile
    from ..config import plugin_section
    from ..mkdocs_plugin.inherited import refuse_wider

    refuse_wider(config_file)
    configured = plugin_section(config_file).get("profile")
    return None if configured is None else str(configured)
