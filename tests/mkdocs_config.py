"""Changing a parsed ``mkdocs.yml``'s plugins in tests and benches, whichever form ``plugins`` has.

MkDocs takes ``plugins`` as a list (``- search``, ``- accountplan: {...}``) or as a mapping
(``search: {...}``, ``accountplan: {...}``); the repository's ``mkdocs.yml`` uses the mapping, so
that ``mkdocs.zh.yml`` inherits the plugin's options.
"""

from __future__ import annotations

from typing import Any


def plugin_options(config: dict[str, Any], name: str = "accountplan") -> dict[str, Any]:
    """The options of plugin ``name`` in ``config``, as a mapping to change in place; the plugin is added when the
    file does not list it (``mkdocs.zh.yml`` lists only search: its accountplan options come from ``mkdocs.yml``)."""
    plugins = config.setdefault("plugins", {})
    if isinstance(plugins, dict):
        plugins[name] = plugins.get(name) or {}
        return plugins[name]
    for i, entry in enumerate(plugins):
        if entry == name:
            plugins[i] = {name: {}}
            return plugins[i][name]
        if isinstance(entry, dict) and name in entry:
            entry[name] = entry[name] or {}
            return entry[name]
    plugins.append({name: {}})
    return plugins[-1][name]


def without_plugin(config: dict[str, Any], name: str = "accountplan") -> None:
    """Take plugin ``name`` out of ``config``'s plugins."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        plugins.pop(name, None)
    elif plugins:
        config["plugins"] = [p for p in plugins if p != name and not (isinstance(p, dict) and name in p)]
