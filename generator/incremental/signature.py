"""What besides the sources could change a byte of a carried site (:mod:`.site`): its signature.

A carried site is reused only when the signature of the build is the one sealed with it: the
generator as installed (:func:`.versions.code_version`), every installed distribution's version,
the MkDocs configuration with sets and mappings in a stable order, the plugins and their options,
and the theme. A plugin, hook or Markdown extension not known to read only the page gives no
signature, and so a cold build.
"""

from __future__ import annotations

import hashlib
import os
import sysconfig
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from .versions import code_version, files_digest

KNOWN_PLUGINS = frozenset({"material/search", "accountplan"})
"""Plugins whose pages are a function of their own source, the configuration and the navigation alone."""
KNOWN_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "meta", "sane_lists",
    "smarty", "tables", "toc", "pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.emoji",
    "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde"})
"""Markdown extensions that read nothing but the page: one that includes other files (``pymdownx.snippets``)
would make a page depend on a file its manifest does not name, so any other extension means a cold build."""
_UNSIGNED = frozenset({"site_dir", "strict", "plugins", "config_file_path", "theme", "dev_addr", "watch"})
"""Configuration that changes no byte of the site (the plugins and the theme are signed on their own; the server's
address and watched paths only matter to ``mkdocs serve``, whose first build may start from a build's site)."""

def signature(config: Mapping[str, Any]) -> str | None:
    """Everything besides the sources that could change a byte of the site; ``None`` when that cannot be known."""
    plugins = dict(config["plugins"])
    if not set(plugins) <= KNOWN_PLUGINS or config.get("hooks"):
        return None
    if not {str(name) for name in config.get("markdown_extensions") or ()} <= KNOWN_EXTENSIONS:
        return None
    parts = [code_version(), _distributions(), os.environ.get("ACCOUNTPLAN_MARKDOWN", "")]
    parts += [f"{key}={_stable(config[key])}" for key in sorted(config) if key not in _UNSIGNED]
    parts += [f"{name}={type(plugin).__module__}.{type(plugin).__qualname__}:{_stable(dict(plugin.config))}"
              for name, plugin in plugins.items()]
    theme = config["theme"]
    parts += [_stable([theme.name, set(theme.static_templates), dict(theme)])]
    parts += [folder if _installed(folder) else _folder(folder) for folder in theme.dirs]
    text = "\n".join(parts)
    if " at 0x" in text:  # an object's address: not a value that says what it builds
        return None
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _stable(value: Any) -> str:
    """``repr(value)``, with sets and mappings in sorted order (a set's order changes from one process to the next)."""
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_stable(item) for item in value)) + "}"
    if isinstance(value, Mapping):
        return "{" + ",".join(sorted(f"{_stable(key)}:{_stable(item)}" for key, item in value.items())) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_stable(item) for item in value) + "]"
    return repr(value)


@cache
def _distributions() -> str:
    """Name and version of every installed distribution (MkDocs, Material, Markdown and their extensions...)."""
    # A set: run as `python -m` from the project, its own egg-info on the path counts the project a second time.
    return repr(sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()}))


def _installed(folder: str) -> bool:
    """Whether ``folder`` is inside the installed packages (then its distribution's version stands for it)."""
    real = os.path.realpath(folder)
    return any(real.startswith(os.path.realpath(sysconfig.get_paths()[k]) + os.sep) for k in ("purelib", "platlib"))


def _folder(folder: str) -> str:
    """Name and bytes of every file in ``folder`` (:func:`.versions.files_digest`)."""
    return f"{folder}:{files_digest(Path(folder))}"
