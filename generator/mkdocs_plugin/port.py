"""``python -m generator.mkdocs_plugin.port HOST:PORT [--lang zh]``: before ``make serve`` starts MkDocs, say what to do
when the preview's address is taken.

The Makefile runs this check before MkDocs starts (:mod:`.serve_address` says why and how it binds).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .serve_address import advice, in_use


def address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8000`` for IPv6) as a host and a port number; a bad one is argparse's error."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError("expected HOST:PORT")  # argparse adds the value given
    return host.strip("[]"), int(port)


def main(argv: Sequence[str] | None = None) -> int:
    """0 when the address is free; 1, with what to do, when another process listens on it."""
    parser = argparse.ArgumentParser(prog="python -m generator.mkdocs_plugin.port")
    parser.add_argument("address", type=address, help="HOST:PORT, as mkdocs serve -a takes it")
    parser.add_argument("--instead", default="mkdocs serve --dirty -a 127.0.0.1:8002",
                        help="the command that previews on another port, as the advice gives it")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    host, port = args.address
    if in_use(host, port):
        print(advice(host, port, args.instead, args.lang), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
