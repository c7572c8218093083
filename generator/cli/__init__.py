"""``accountplan``: the command line. Each subcommand is a module with ``add`` and ``run``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS = ("check", "schema", "score", "render", "build", "new", "fmt", "diff", "source", "migrate")
"""Subcommand modules in this package, in help order."""


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; given ``argv``, with only the subcommand it names when that is clear.

    Each subcommand module imports what it needs (the renderer, the loader...): importing
    them all took a quarter of a quick ``check``. Help and anything unclear get every subcommand.
    """
    top = argparse.ArgumentParser(prog="accountplan", description="Account plans as code.")
    top.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml holding the plugin settings")
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
    return top


def _wanted(argv: Sequence[str]) -> Sequence[str]:
    """The subcommand ``argv`` runs, alone, when it comes right after the top-level options; else all of them."""
    args = list(argv)
    i = 0
    while i < len(args):
        if args[i] == "--config":
            i += 2
        elif args[i].startswith("--config="):
            i += 1
        elif args[i] in COMMANDS:
            return (args[i],)
        else:
            return COMMANDS
    return COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    words = sys.argv[1:] if argv is None else argv
    args = parser(words).parse_args(words)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except (ValueError, OSError) as exc:
        print(f"accountplan: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())


def add_profile_option(command: argparse.ArgumentParser) -> None:
    """``--profile NAME``: the build profile whose sensitivity level the output may show (default internal).

    Every command whose output leaves the editor's terminal (the site, scores, the pull-request
    diff and its maps) takes it, so no output shows more than the internal build unless asked.
    """
    command.add_argument("--profile", help="build profile from the plugin's 'profiles' (default: internal level); "
                         "the output shows only what that profile's site shows")
