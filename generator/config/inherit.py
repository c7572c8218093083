"""Reading ``mkdocs.yml`` as settings: its ``INHERIT`` chain, and the ``accountplan`` options it inherits.

MkDocs merges an ``INHERIT``ed file into the child mapping by mapping, but replaces a list
whole. Written as a list (``plugins: [- search, - accountplan: {...}]``), a child's plugin
list drops every option of the parent's ``accountplan`` entry; written as a mapping
(``plugins: {search: {...}, accountplan: {...}}``), a child overrides only what it sets.
The options of this plugin follow the mapping rule in both forms (:func:`plugin_section`):
an option set in any file of the chain holds unless a nearer file sets it too. So a
Chinese site's ``mkdocs.zh.yml`` with a plugin list of its own still builds at the
``profile`` of the ``mkdocs.yml`` it inherits (docs/privacy.md).
"""

from __future__ import annotations

import os
from typing import Any

import yaml

from .check import ConfigError

PLUGIN = "accountplan"
"""This plugin's name in ``plugins``."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' ``!ENV NAME`` and ``!ENV [NAME, OTHER, default]``: the first variable set, typed as YAML types a
    value, else the default (the last item of a list of two or more), else ``None``."""
    default: Any = None
    if isinstance(node, yaml.SequenceNode):
        items = list(node.value)
        if len(items) > 1:
            default = loader.construct_object(items.pop())
        names = [str(loader.construct_scalar(item)) for item in items if isinstance(item, yaml.ScalarNode)]
    elif isinstance(node, yaml.ScalarNode):
        names = [str(loader.construct_scalar(node))]
    else:
        return None
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


class _Runs(Exception):
    """A tag in ``mkdocs.yml`` that makes MkDocs' reader call Python: the tag and its line (1-based)."""

    def __init__(self, tag: str, line: int) -> None:
        super().__init__(tag)
        self.tag, self.line = tag, line


_CALLS = "tag:yaml.org,2002:python/"
_NAMING = ("name:", "module:", "object:", "object/apply:", "object/new:")
"""PyYAML's full reader, which MkDocs uses, imports and calls what these tags name as it reads the file
(``!!python/object/apply:os.system [...]``); its other ``python/`` tags (``tuple``, ``str`` …) are only data."""

TRUSTED_CODE = ("material.", "pymdownx.", "markdown.")
"""The code a settings file may name: Material, PyMdown Extensions and Python-Markdown, installed with the tool
(``!!python/name:material.extensions.emoji.twemoji``, ``pymdownx.superfences``). Anything else is refused as a
second line of defence: a settings file is still code (docs/privacy.md), reviewed by the maintainers."""


def _ignore_tags(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    named = next((suffix[len(_CALLS) + len(n):] for n in _NAMING if suffix.startswith(_CALLS + n)), None)
    if named is not None and not named.startswith(TRUSTED_CODE):
        raise _Runs(suffix.replace("tag:yaml.org,2002:", "!!"), node.start_mark.line + 1)
    return None


def _untrusted_extension(config: dict[str, Any]) -> str | None:
    """The first Markdown extension named by a module path outside :data:`TRUSTED_CODE` (MkDocs imports it and
    calls what it names: ``subprocess:Popen`` ran a command), else ``None``; a bare name is an installed entry."""
    extensions = config.get("markdown_extensions") or []
    for entry in extensions if isinstance(extensions, list) else [extensions]:
        names = [entry] if isinstance(entry, str) else list(entry) if isinstance(entry, dict) else []
        for name in names:
            if isinstance(name, str) and ("." in name or ":" in name) and not name.startswith(TRUSTED_CODE):
                return name
    return None


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml: ``!ENV`` as MkDocs reads it, its other tags (``!!python/name``, ``!relative``) ignored,
    and a tag naming code outside :data:`TRUSTED_CODE`, which MkDocs would run as it reads the file, refused.

    With libyaml's parser where PyYAML has it: every command reads the settings first, and the Python parser
    took 0.05 s of a re-check's 0.5 s (``mkdocs.yml`` and the file it inherits, twice)."""


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", _ignore_tags)
# Dates stay text until checked, so that an impossible one is a message about its key, not a traceback.
_ConfigLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(config_file: str) -> dict[str, Any]:
    """The mapping in an ``mkdocs.yml``, read as MkDocs reads it (bytes, the encoding found by YAML);
    :class:`ConfigError` when it cannot be read or is not one."""
    try:
        with open(config_file, "rb") as handle:
            config = yaml.load(handle, Loader=_ConfigLoader) or {}
    except OSError as exc:
        raise ConfigError([f"{config_file}: cannot be read: {exc.strerror}"]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([f"{config_file}: not valid YAML: {exc}"]) from None
    except _Runs as exc:  # MkDocs would run it on reading the file, before any check of ours
        raise ConfigError([f"{config_file}:{exc.line}: the tag {exc.tag} names code outside Material, PyMdown "
                           "Extensions and Python-Markdown, which MkDocs runs as it reads the file: refused"]) from None
    if not isinstance(config, dict):
        raise ConfigError([f"{config_file}: expected a mapping of settings, found {type(config).__name__}"])
    return config


def _read_parent(child: str, parent: str) -> dict[str, Any]:
    """The mapping of the file ``parent`` that ``child`` inherits; :class:`ConfigError` naming both when it cannot be
    read as settings (a build never goes on without the options, such as ``profile``, that it would inherit)."""
    try:
        return _read(parent)
    except ConfigError as exc:
        raise ConfigError([f"{child}: INHERIT: the file it inherits cannot be read as settings: {problem}"
                           for problem in exc.problems]) from None


INHERIT_DEPTH = 8
"""How many ``INHERIT`` steps a settings file may take (MkDocs sets no limit; a longer chain is a mistake)."""


def inherit_files(config_file: str) -> list[tuple[str, dict[str, Any]]]:
    """Each file of ``config_file``'s ``INHERIT`` chain with its mapping, nearest (``config_file``) first.

    The one reader of ``INHERIT``: :class:`ConfigError` for a file inheriting itself (a cycle), a chain
    longer than :data:`INHERIT_DEPTH`, a missing parent, or one that cannot be read as a mapping of settings.
    A parent is any file MkDocs would read (``base.cfg`` as well as ``base.yml``): skipping one MkDocs reads
    would drop the options it sets, ``profile`` among them. A parent may sit outside the project (a shared
    base config, as MkDocs allows); what it holds is only ever read as a mapping, never run.
    """
    chain: list[tuple[str, dict[str, Any]]] = []
    seen: list[str] = []
    current, child = config_file, ""
    while True:
        seen.append(os.path.realpath(current))
        config = _read_parent(child, current) if child else _read(current)
        if config.get("hooks"):  # MkDocs imports each one, running it, as it reads the settings
            raise ConfigError([f"{current}: hooks: MkDocs runs these Python files from the project as it reads the "
                               "settings: refused; install a plugin instead"])
        extension = _untrusted_extension(config)
        if extension is not None:
            raise ConfigError([f"{current}: markdown_extensions: '{extension}' names code outside Material, PyMdown "
                               "Extensions and Python-Markdown, which MkDocs runs as it reads the settings: refused"])
        chain.append((current, config))
        parent = config.get("INHERIT")
        if parent is None or parent == "":
            return chain
        if not isinstance(parent, str):
            raise ConfigError([f"{current}: INHERIT: expected a file name, found {parent!r}"])
        following = os.path.normpath(os.path.join(os.path.dirname(current), parent))  # as MkDocs names it
        real = os.path.realpath(following)
        if real in seen:
            raise ConfigError([f"{current}: INHERIT: '{parent}' inherits itself (a cycle)"])
        if len(chain) > INHERIT_DEPTH:
            raise ConfigError([f"{config_file}: INHERIT: more than {INHERIT_DEPTH} files in a chain"])
        if not os.path.isfile(following):
            raise ConfigError([f"{current}: INHERIT: '{parent}' does not exist"])
        current, child = following, current


def inherit_chain(config_file: str) -> list[dict[str, Any]]:
    """The mappings of ``config_file`` and of the files it ``INHERIT``s, nearest first (:func:`inherit_files`)."""
    return [config for _, config in inherit_files(config_file)]


def merged(base: Any, over: Any) -> Any:
    """``over`` laid over ``base`` as MkDocs merges an ``INHERIT``ed file: mappings key by key, anything else whole."""
    if not isinstance(base, dict) or not isinstance(over, dict):
        return over
    out = dict(base)
    for key, value in over.items():
        out[key] = merged(out[key], value) if key in out else value
    return out


def own_section(config_file: str, config: dict[str, Any]) -> dict[str, Any] | None:
    """The ``accountplan`` options one settings file lists (either form of ``plugins``), ``None`` when it lists
    no such plugin."""
    plugins = config.get("plugins") or []
    section: Any = None
    for plugin in plugins.items() if isinstance(plugins, dict) else plugins:  # MkDocs allows either form
        if plugin == PLUGIN:
            section = {}
        elif isinstance(plugin, dict) and PLUGIN in plugin:
            section = plugin[PLUGIN] or {}
        elif isinstance(plugin, tuple) and plugin[0] == PLUGIN:
            section = plugin[1] or {}
    if section is not None and not isinstance(section, dict):
        raise ConfigError([f"{config_file}: plugins.accountplan: expected a mapping of settings, found {section!r}"])
    return section


def built_sections(config_file: str) -> list[tuple[str, dict[str, Any]]]:
    """For each file of the chain that lists the plugin, nearest first, the options a build of that file has: its
    own laid over those of every file it inherits (:func:`merged`)."""
    files = inherit_files(config_file)
    found: list[tuple[str, dict[str, Any]]] = []
    options: dict[str, Any] = {}
    for path, config in reversed(files):  # the furthest parent first
        section = own_section(path, config)
        if section is not None:
            options = merged(options, section)
            found.append((path, options))
    return found[::-1]


def plugin_section(config_file: str) -> dict[str, Any]:
    """The ``accountplan`` options of an ``mkdocs.yml``: every file of its ``INHERIT`` chain's, the nearest file's
    winning for each option it sets; ``{}`` when no file lists the plugin."""
    sections = built_sections(config_file)
    return sections[0][1] if sections else {}
