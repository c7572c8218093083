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

import functools
import os
import stat
from importlib import metadata
from typing import Any

import yaml

from .check import ConfigError

PLUGIN = "accountplan"
"""This plugin's name in ``plugins``."""


ENV_PREFIXES = ("MKDOCS_", "SITE_")
"""How the name of a variable a settings file reads with ``!ENV`` starts (``CI`` too: :func:`env_readable`)."""

SECRET_WORDS = ("TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL", "CREDS", "PRIVATE", "COOKIE",
                "SIGNATURE", "BEARER", "JWT", "DATABASE", "CONNECTION", "WEBHOOK")
"""Text that names a secret anywhere in a variable's name (``SITE_GITHUB_TOKEN``, ``SITE_DBPASSWORD``)."""

SECRET_PARTS = ("PASS", "PWD", "PAT", "AUTH", "CERT", "SESSION", "DSN", "SALT", "OTP", "HOOK")
"""Words that name a secret as one ``_``-separated part of a name (``SITE_DB_PASS``; not ``SITE_AUTHOR``); a part
ending in ``KEY`` does too (``SITE_DEPLOY_KEY``, ``SITE_SSHKEY``; not ``SITE_KEYWORDS``)."""


def env_readable(name: str) -> bool:
    """Whether a settings file may read the variable ``name`` with ``!ENV``: ``CI``, or a name starting with
    :data:`ENV_PREFIXES` that names no secret (:data:`SECRET_WORDS`, :data:`SECRET_PARTS`).

    A pull request edits ``mkdocs.yml``: ``site_name: !ENV GITHUB_TOKEN`` (or a deploy key, a cloud credential)
    would publish the CI job's secret on every page. MkDocs reads any variable; the settings check refuses
    the rest before MkDocs builds anything.
    """
    if name == "CI":  # exactly: the environment's names are case-sensitive
        return True
    upper = name.upper()
    parts = upper.replace("-", "_").split("_")
    return (upper.startswith(ENV_PREFIXES) and not any(word in upper for word in SECRET_WORDS)
            and not any(part in SECRET_PARTS or part.endswith("KEY") for part in parts))


class _ReadsEnv(Exception):
    """An ``!ENV`` tag naming a variable :func:`env_readable` refuses: the name and its line (1-based)."""

    def __init__(self, name: str, line: int) -> None:
        super().__init__(name)
        self.name, self.line = name, line


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' ``!ENV NAME`` and ``!ENV [NAME, OTHER, default]``: the first variable set, typed as YAML types a
    value, else the default (the last item of a list of two or more), else ``None``.

    A name :func:`env_readable` refuses raises :class:`_ReadsEnv`; read leniently (for a message's language), it is
    taken as unset."""
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
        if not env_readable(name):
            if isinstance(loader, _LenientConfigLoader):
                continue
            raise _ReadsEnv(name, node.start_mark.line + 1)
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

TRUSTED_NAMES = frozenset({
    "material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg",
    "materialx.emoji.twemoji", "materialx.emoji.to_svg",
    "pymdownx.emoji.twemoji", "pymdownx.emoji.emojione", "pymdownx.emoji.gemoji", "pymdownx.emoji.to_svg",
    "pymdownx.emoji.to_png", "pymdownx.emoji.to_alt", "pymdownx.emoji.to_svg_sprite", "pymdownx.emoji.to_png_sprite",
    "pymdownx.superfences.fence_code_format", "pymdownx.superfences.fence_div_format",
    "pymdownx.arithmatex.arithmatex_inline_format", "pymdownx.arithmatex.arithmatex_fenced_format",
    "pymdownx.slugs.slugify", "markdown.extensions.toc.slugify", "markdown.extensions.toc.slugify_unicode",
})
"""The functions a settings file may name with ``!!python/name:`` or call with ``!!python/object/apply:``: those
Material's and PyMdown Extensions' documentation configure (emoji, fences, maths, slugs). MkDocs' reader imports
and calls whatever such a tag names (``!!python/object/apply:os.system [...]``), and a general prefix let in
``markdown.markdown``, which builds any extension; ``!!python/module:``, ``object:`` and ``object/new:`` are
refused outright. A second line of defence: a settings file is still code (docs/privacy.md)."""

EXTENSION_MODULES = ("markdown.extensions.", "pymdownx.", "material.extensions.", "materialx.")
"""Where a ``markdown_extensions`` entry named as a module may come from (Python-Markdown imports it and calls its
``makeExtension``). The ``module:Class`` form is refused: it calls any class (``subprocess:Popen`` ran a command,
``markdown.core:Markdown`` builds any other extension)."""

_DATA_TAGS = ("none", "bool", "str", "unicode", "bytes", "int", "long", "float", "complex", "list", "tuple", "dict")
"""PyYAML's ``python/`` tags that only make data: read as MkDocs reads them, so that a value hidden behind one
(``INHERIT: !!python/str evil.yml``) is checked as MkDocs will use it."""


def _refuse_code(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """A tag outside YAML's own: ``python/`` code tags refused unless :data:`TRUSTED_NAMES`, others ignored.

    The arguments of an allowed call are read too, as MkDocs' reader builds them before it calls: a tag in them
    (``kwds: {case: !!python/object/apply:os.system [...]}``) would run first."""
    if suffix.startswith(_CALLS):
        kind, _, named = suffix[len(_CALLS):].partition(":")
        if kind not in ("name", "object/apply") or named not in TRUSTED_NAMES:
            raise _Runs(suffix.replace("tag:yaml.org,2002:", "!!"), node.start_mark.line + 1)
        if isinstance(node, yaml.SequenceNode):
            loader.construct_sequence(node, deep=True)
        elif isinstance(node, yaml.MappingNode):
            loader.construct_mapping(node, deep=True)
    return None


def _ignore_tags(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


INCLUDING = ("pymdownx.snippets", "snippets")
"""Extensions that put another file's text into a page (``--8<-- "accounts/acme/account.md"``): a dossier's
restricted fields, or through a link a file of the machine, would be published."""


def _untrusted_extension(config: dict[str, Any]) -> str | None:
    """The first Markdown extension named by a ``module:Class``, by a module outside :data:`EXTENSION_MODULES`, by
    a bare name that is no installed entry point (Python-Markdown would import it as a module, from the project
    when it is on the path), or one of :data:`INCLUDING`; else ``None``."""
    extensions = config.get("markdown_extensions") or []
    for entry in extensions if isinstance(extensions, (list, tuple)) else [extensions]:
        names = [entry] if isinstance(entry, str) else list(entry) if isinstance(entry, dict) else []
        for name in names:
            if not isinstance(name, str):
                continue
            if name.strip() in INCLUDING or ":" in name:
                return name
            if "." in name and not name.strip().startswith(EXTENSION_MODULES):
                return name
            if "." not in name and name.strip() not in _entry_points():
                return name
    return None


@functools.cache
def _entry_points() -> frozenset[str]:
    """The names of the installed Markdown extensions (``toc``, ``tables``, ``attr_list`` …)."""
    return frozenset(point.name for point in metadata.entry_points(group="markdown.extensions"))


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads mkdocs.yml: ``!ENV`` as MkDocs reads it, PyYAML's ``python/`` data tags as values, a tag naming code
    outside :data:`TRUSTED_NAMES` (which MkDocs would run as it reads the file) refused, other tags ignored.

    With libyaml's parser where PyYAML has it: every command reads the settings first, and the Python parser
    took 0.05 s of a re-check's 0.5 s (``mkdocs.yml`` and the file it inherits, twice)."""


class _LenientConfigLoader(_ConfigLoader):
    """:class:`_ConfigLoader` that refuses nothing: for the language of a message about the settings themselves."""


for _loader, _others in ((_ConfigLoader, _refuse_code), (_LenientConfigLoader, _ignore_tags)):
    _loader.add_constructor("!ENV", _env_tag)
    for _tag in _DATA_TAGS:
        _loader.add_constructor(_CALLS + _tag, yaml.constructor.FullConstructor.yaml_constructors[_CALLS + _tag])
    _loader.add_multi_constructor("", _others)
# Dates stay text until checked, so that an impossible one is a message about its key, not a traceback.
_ConfigLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(config_file: str, lenient: bool = False) -> dict[str, Any]:
    """The mapping in an ``mkdocs.yml``, read as MkDocs reads it (bytes, the encoding found by YAML);
    :class:`ConfigError` when it cannot be read or is not one, or (unless ``lenient``) names code.

    A file that is no regular file (a pipe, a device, a link to ``/dev/stdin``) is refused before it is opened:
    opening a pipe waits for a writer, for ever."""
    try:
        if not stat.S_ISREG(os.stat(config_file).st_mode):
            raise ConfigError([f"{config_file}: not a regular file (a folder, pipe, socket or device), refused"])
        with open(config_file, "rb") as handle:
            config = yaml.load(handle, Loader=_LenientConfigLoader if lenient else _ConfigLoader) or {}
    except OSError as exc:
        raise ConfigError([f"{config_file}: cannot be read: {exc.strerror}"]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([f"{config_file}: not valid YAML: {exc}"]) from None
    except _Runs as exc:  # MkDocs would run it on reading the file, before any check of ours
        raise ConfigError([f"{config_file}:{exc.line}: the tag {exc.tag} names code outside Material, PyMdown "
                           "Extensions and Python-Markdown, which MkDocs runs as it reads the file: refused"]) from None
    except _ReadsEnv as exc:  # MkDocs would put the variable's value on the pages
        raise ConfigError([f"{config_file}:{exc.line}: !ENV {exc.name}: a settings file may read only CI and "
                           "variables named MKDOCS_* or SITE_* that name no secret (token, key, password...), "
                           "as what it reads can be published: refused"]) from None
    if not isinstance(config, dict):
        raise ConfigError([f"{config_file}: expected a mapping of settings, found {type(config).__name__}"])
    try:
        size = _expanded(config)
    except RecursionError:
        size = MAX_VALUES + 1
    if size > MAX_VALUES:  # nine lines of aliases made MkDocs print 387 million values, for ever
        raise ConfigError([f"{config_file}: holds more than {MAX_VALUES:,} values with its aliases (*name) written "
                           "out, or nests too deep, refused (MkDocs would write each one out as it reads the file)"])
    return config


MAX_VALUES = 100_000
"""The most values a settings file may hold once its aliases are expanded; real ones hold a few hundred."""


def _expanded(value: Any, sizes: dict[int, int] | None = None) -> int:
    """How many values ``value`` holds with every alias written out; each shared object is counted once, then
    reused by size, so an alias bomb is measured without being expanded."""
    sizes = {} if sizes is None else sizes
    if not isinstance(value, (dict, list, tuple)):
        return 1
    if id(value) not in sizes:
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        sizes[id(value)] = 1
        sizes[id(value)] = 1 + sum(_expanded(item, sizes) for item in items)
    return sizes[id(value)]


def _read_parent(child: str, parent: str, lenient: bool = False) -> dict[str, Any]:
    """The mapping of the file ``parent`` that ``child`` inherits; :class:`ConfigError` naming both when it cannot be
    read as settings (a build never goes on without the options, such as ``profile``, that it would inherit)."""
    try:
        return _read(parent, lenient)
    except ConfigError as exc:
        raise ConfigError([f"{child}: INHERIT: the file it inherits cannot be read as settings: {problem}"
                           for problem in exc.problems]) from None


INHERIT_DEPTH = 8
"""How many ``INHERIT`` steps a settings file may take (MkDocs sets no limit; a longer chain is a mistake)."""


def inherit_files(config_file: str, *, lenient: bool = False) -> list[tuple[str, dict[str, Any]]]:
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
        config = _read_parent(child, current, lenient) if child else _read(current, lenient)
        if not lenient and config.get("hooks"):  # MkDocs imports each one, running it, as it reads the settings
            raise ConfigError([f"{current}: hooks: MkDocs runs these Python files from the project as it reads the "
                               "settings: refused; install a plugin instead"])
        if not lenient and (extension := _untrusted_extension(config)) is not None:
            raise ConfigError([f"{current}: markdown_extensions: '{extension}' is refused: a settings file may name "
                               "the installed extensions of Python-Markdown, PyMdown Extensions and Material, but no "
                               "module:Class and none that includes other files into pages"])
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
        if os.path.exists(following) and not os.path.isfile(following):
            raise ConfigError([f"{current}: INHERIT: '{parent}' is not a regular file"])
        if not os.path.isfile(following):
            raise ConfigError([f"{current}: INHERIT: '{parent}' does not exist"])
        current, child = following, current


def inherit_chain(config_file: str, *, lenient: bool = False) -> list[dict[str, Any]]:
    """The mappings of ``config_file`` and of the files it ``INHERIT``s, nearest first (:func:`inherit_files`);
    ``lenient``: what names code is read, not refused (for the language to say so in)."""
    return [config for _, config in inherit_files(config_file, lenient=lenient)]


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
