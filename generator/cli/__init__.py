"""``accountplan``: the command line. Each subcommand is a module with ``add`` and ``run``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMANDS = ("check", "schema", "score", "render", "build", "new", "fmt", "diff")
"""Subcommand modules in this package, in help order."""


def parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    top = argparse.ArgumentParser(prog="accountplan", description="Account plans as code.")
    top.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml holding the plugin settings")
    sub = top.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue
            raise
        command = module.add(sub)
        command.set_defaults(run=module.run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = parser().parse_args(argv)
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
