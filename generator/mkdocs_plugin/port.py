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
        print(translate.t("accountplan: {address} is already in use, most likely by another preview (make serve or "
                          "make serve-zh): stop it (Ctrl-C in its terminal), or preview on another port with "
                          "{instead}", args.lang, address=f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                          instead=args.instead), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
