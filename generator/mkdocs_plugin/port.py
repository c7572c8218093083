"""``python -m generator.mkdocs_plugin.port HOST:PORT [--lang zh]``: before ``make serve`` starts MkDocs, say what to do
when the preview's address is taken.

MkDocs binds its server before the plugin sees the address (``on_startup`` is not given the configuration), so a
second preview on the same port ended in a Python traceback (``OSError: [Errno 98] Address already in use``). The
Makefile runs this check first; it binds the address as MkDocs' server does (address reuse on, so a port that is
only waiting out a closed connection counts as free) and lets it go at once.
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from collections.abc import Sequence

from .. import translate


def in_use(host: str, port: int) -> bool:
    """Whether another process listens on ``host:port`` (other failures to bind are left to MkDocs to report)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:  # no IPv6 on the machine: MkDocs will say so
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        return exc.errno == errno.EADDRINUSE
    return False


def main(argv: Sequence[str] | None = None) -> int:
    """0 when the address is free; 1, with what to do, when another process listens on it."""
    parser = argparse.ArgumentParser(prog="python -m generator.mkdocs_plugin.port")
    parser.add_argument("address", help="HOST:PORT, as mkdocs serve -a takes it")
    parser.add_argument("--lang", default="en")
    args = parser.parse_args(argv)
    host, _, port = args.address.rpartition(":")
    if in_use(host.strip("[]"), int(port)):
        print(translate.t("accountplan: {address} is already in use, most likely by another preview (make serve or "
                          "make serve-zh): stop it (Ctrl-C in its terminal), or preview on another port with "
                          "mkdocs serve --dirty -a 127.0.0.1:8002", args.lang, address=args.address), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
