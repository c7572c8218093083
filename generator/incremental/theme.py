"""The theme's templates compiled once for a server, not once per rebuild (``mkdocs serve --dirty``)."""

from __future__ import annotations

import jinja2
import jinja2.bccache


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
