"""``accountplan lsp``: a language server on standard input and output, for editors (see docs/editors.md)."""

from __future__ import annotations

import argparse
from typing import Any


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("lsp", help="language server for editors (stdin/stdout)",
                                                description=__doc__)
    return p


def run(args: argparse.Namespace) -> int:
    """Serve until the editor exits."""
    from ..edit.lsp import serve

    return serve(lang=args.language)
