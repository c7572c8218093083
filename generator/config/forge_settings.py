"""Edit links outside a MkDocs build: the forge ``mkdocs.yml`` describes, as the plugin reads it.

The plugin takes ``repo_url``, ``edit_uri`` and ``docs_dir`` from MkDocs' own configuration;
``accountplan render --out`` has no MkDocs run, so it reads the same keys from the file
(following ``INHERIT`` as MkDocs does) and its pages carry the same edit links as the site's.
"""

from __future__ import annotations

import os
from typing import Any

from . import inherit_chain
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


def _mkdocs_keys(config_file: str) -> dict[str, Any]:
    """``repo_url``, ``edit_uri`` and ``docs_dir`` of the file, a parent's (``INHERIT``) where it sets none."""
    found: dict[str, Any] = {}
    for config in reversed(inherit_chain(config_file)):  # the furthest parent first, the file itself last
        found.update({k: config[k] for k in _KEYS if isinstance(config.get(k), str)})
    return found
