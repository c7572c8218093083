"""The theme's templates compiled, and its installed folders listed, once for a server, not once per rebuild
(``mkdocs serve --dirty``)."""

from __future__ import annotations

import os
import sysconfig

import jinja2
import jinja2.bccache
from mkdocs.theme import Theme


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates kept for the life of the server (Jinja checks each against its source's hash)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` when this template was compiled before."""
        data = self.code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep a freshly compiled template."""
        self.code[bucket.key] = bucket.bytecode_to_string()


_compiled = CompiledTemplates()


def reuse_compiled_theme(env: jinja2.Environment) -> jinja2.Environment:
    """Let MkDocs' theme environment reuse the templates compiled by earlier rebuilds of this server.

    MkDocs makes a new Jinja environment for every rebuild, so the theme's templates
    (Material has dozens) would be compiled again after every save; an edited template
    has another source hash and is compiled again.
    """
    env.bytecode_cache = _compiled
    return env


_listed: dict[str, list[str]] = {}
"""The templates of each installed theme folder, as listed by the server's first build."""


class _ListedOnce(jinja2.FileSystemLoader):
    """The theme's loader; its installed folders (Material's 14,500 files) are listed once per server.

    MkDocs lists every theme file at each rebuild to copy the static ones (0.1 s a save at N=1000, most of it
    matching its patterns against Material's ``.icons``). An installed package does not change while a server
    runs; the project's own ``theme/`` folder, which one may edit then, is listed each time. Names in dot
    folders are left out of the kept listing: MkDocs copies none (its patterns ``.*`` and ``*/.*``).
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if not _installed(folder):
                found.update(jinja2.FileSystemLoader(folder).list_templates())
                continue
            if folder not in _listed:
                _listed[folder] = [name for name in jinja2.FileSystemLoader(folder).list_templates()
                                   if not name.startswith(".") and "/." not in name]
            found.update(_listed[folder])
        return sorted(found)


def _installed(folder: str) -> bool:
    """Whether ``folder`` belongs to an installed package (in the environment's site-packages, not merely under its
    prefix: a project may sit inside its own environment's folder)."""
    real = os.path.realpath(folder)
    return any(real.startswith(os.path.join(os.path.realpath(sysconfig.get_path(kind)), ""))
               for kind in ("purelib", "platlib"))


def list_theme_once(theme: Theme) -> None:
    """Let MkDocs' theme environments (one per rebuild) list the installed theme folders once a server."""
    made = theme.get_env

    def get_env() -> jinja2.Environment:
        env = made()
        env.loader = _ListedOnce(theme.dirs)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
