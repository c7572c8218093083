"""Edit links outside a MkDocs build: the forge ``mkdocs.yml`` describes, as the plugin reads it.

The plugin takes ``repo_url``, ``edit_uri`` and ``docs_dir`` from MkDocs' own configuration;
``accountplan render --out`` has no MkDocs run, so it reads the same keys from the file
(following ``INHERIT`` as MkDocs does) and its pages carry the same edit links as the site's.
"""

from __future__ import annotations

import os
from typing import Any

from .config import _read
from .forge import Forge, forge_from_mkdocs

_KEYS = ("repo_url", "edit_uri", "docs_dir")


def forge_of_config(config_file: str | None, kind: str | None = None) -> Forge | None:
    """The forge of ``config_file``'s ``repo_url`` and ``edit_uri`` (``None`` without one, or without the file)."""
    if not config_file or not os.path.isfile(config_file):
        return None
    keys = _mkdocs_keys(config_file)
    base_dir = os.path.dirname(config_file) or "."
    docs_dir = os.path.join(base_dir, str(keys.get("docs_dir") or "docs"))
    return forge_from_mkdocs(keys.get("repo_url"), keys.get("edit_uri"), docs_dir, base_dir, kind)


def _mkdocs_keys(config_file: str, depth: int = 0) -> dict[str, Any]:
    """``repo_url``, ``edit_uri`` and ``docs_dir`` of the file, a parent's (``INHERIT``) where it sets none."""
    config = _read(config_file)
    found = {k: config[k] for k in _KEYS if isinstance(config.get(k), str)}
    parent = config.get("INHERIT")
    if isinstance(parent, str) and depth < 8:  # MkDocs follows a chain; a cycle must not loop forever
        inherited = _mkdocs_keys(os.path.join(os.path.dirname(config_file), parent), depth + 1)
        found = {**inherited, **found}
    return found

