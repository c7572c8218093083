"""Whether a preview's address is taken, and what to say then: for ``make serve``'s check (:mod:`.port`) and for a
bare ``mkdocs serve``, which the plugin asks at the start of its first build (:func:`taken`).

MkDocs binds its server only after that build, so a second preview on the same port ended in a Python traceback
(``OSError: [Errno 98] Address already in use``) after the whole build. The address is bound as MkDocs' server
binds it (address reuse on, so a port that is only waiting out a closed connection counts as free) and let go at
once.
"""

from __future__ import annotations

import errno
import os
import socket
import sys

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


_UNBOUND = False
"""Whether this process is a server whose first build has not started: its address is not bound yet."""


def note_startup(command: str) -> None:
    """Remember that this process is ``mkdocs serve`` (``on_startup``), ``mkdocs serve --clean`` included: MkDocs
    tells its plugins that one is a ``build``, and it too bound its address only after the whole build."""
    global _UNBOUND
    _UNBOUND = command == "serve" or _called_by_serve()


def _called_by_serve() -> bool:
    """Whether MkDocs' ``serve`` command is on the stack (it calls ``on_startup`` itself)."""
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_name == "serve" and code.co_filename.endswith(os.path.join("mkdocs", "commands", "serve.py")):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def taken(host: str, port: int, lang: str, config_file: str | None = None) -> str | None:
    """On a server's first build: what to do, when another process listens on its address (``None`` when free);
    the command it names previews the same site (``-f mkdocs.zh.yml``) on the next free port.

    Asked once a process: on later builds the server itself holds the address."""
    global _UNBOUND
    if not _UNBOUND:
        return None
    _UNBOUND = False
    if not in_use(host, port):
        return None
    nearby = [p for p in (*range(port + 1, port + 50), *range(port - 1, port - 50, -1)) if 1024 <= p < 65536]
    other = next((p for p in nearby if not in_use(host, p)), None)  # None: none near is free, the user picks one
    site = "" if config_file is None or os.path.basename(config_file) == "mkdocs.yml" else \
        f" -f {os.path.relpath(config_file)}"
    address = _joined(host, other if other is not None else "PORT")
    return advice(host, port, f"mkdocs serve --dirty{site} -a {address}", lang)


def advice(host: str, port: int, instead: str, lang: str) -> str:
    """What to do when ``host:port`` is taken: stop the other preview, or preview with ``instead``."""
    return translate.t("accountplan: {address} is already in use, most likely by another preview (make serve or "
                       "make serve-zh): stop it (Ctrl-C in its terminal), or preview on another port with "
                       "{instead}", lang, address=_joined(host, port), instead=instead)


def _joined(host: str, port: int | str) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
