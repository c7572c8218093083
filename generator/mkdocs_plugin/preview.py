"""``make serve`` starts from the site its previous run left, so that the first page is served in seconds.

``mkdocs serve`` builds into a new temporary folder and serves nothing before that first
build is done. With ``--dirty`` MkDocs skips a page only when its HTML is newer than its
source; in an empty folder there is no HTML, so every page — 1,510 at N=1000 — is read,
rendered with the theme and indexed before the first one can be seen.

Under ``serve --dirty`` the plugin points MkDocs at a site folder kept in the project's folder
of the user's cache instead, one per configuration file and language (:func:`use`), and the
server serves from it (:func:`serve_from`). The next server starts with the HTML the last one
wrote, and ``--dirty`` skips every page whose source is older than its HTML: hand-written pages
not edited since, and generated pages whose text did not change (the page store leaves their
files untouched, :func:`generator.incremental.store.sync_pages`).

What ``--dirty`` cannot see is written into a stamp beside the HTML (:func:`stamp`): the settings
files (``INHERIT`` followed) and the environment values they read with ``!ENV``, the documentation
pages' names (every page's navigation), the files of
the theme's folders, and the versions of MkDocs, Material and this generator. When the stamp
differs, the folder is emptied first and that server's first build starts from the site the last
``accountplan build`` carried where it is this server's (:meth:`generator.incremental.build.Build.seed`),
else builds every page. A folder never built into (no stamp) starts that restore at once, while the
build gathers (:func:`fresh`).

One server at a time uses a folder (a lock held for the server's life); a second server of the
same site gets MkDocs' own temporary folder. With caching off (``ACCOUNTPLAN_CACHE=off``) nothing
is kept. A dirty build indexes for search only the pages it rebuilt (MkDocs' own caveat): the index
the last server left is completed with them (:func:`generator.mkdocs_plugin.search_index.settle_served`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from importlib import metadata
from typing import IO, Any, Literal

import yaml

from .. import usercache
from ..config import INHERIT_DEPTH, inherit_chain
from ..model.keys import name_digest
from ..publish.site import MARKER, MARKER_TEXT
from ..termination import stop_on_termination

FOLDER = "serve-site"
"""The kept sites' folder, inside the project's cache folder (:func:`generator.usercache.project_folder`)."""
STAMP = ".stamp"
"""Beside each kept folder (its name, dot-prefixed, and this suffix): what its HTML was built from (:func:`stamp`).
Outside the folder, so that emptying the folder (a cold build) keeps it."""

_serving: dict[str, bool] = {"on": False}
"""Whether this process is ``mkdocs serve --dirty`` (from ``on_startup``; rebuilds get new plugin instances)."""
_kept: dict[str, str] = {}
"""Per site (configuration file and language): the kept folder this process serves from."""
_checked: set[str] = set()
"""Kept folders whose stamp this process has checked (once, at its first build)."""
_emptied: set[str] = set()
"""Kept folders never built into, emptied by :func:`fresh` before this process's first build wrote anything."""
_locks: dict[str, IO[bytes]] = {}
"""Open lock files of the kept folders this process uses, held until it ends."""
_stamps: dict[str, str] = {}
"""Per kept folder: its stamp (:func:`stamp`) as this process's first build found it, written after each build."""


def note_startup(command: str, dirty: bool) -> None:
    """Remember whether this process is ``mkdocs serve --dirty`` (``on_startup``, called once a process); a server
    stops on ``SIGTERM`` and ``SIGHUP`` as on Ctrl-C (:func:`generator.termination.stop_on_termination`)."""
    _serving["on"] = command == "serve" and dirty
    if command == "serve":
        stop_on_termination()


def site_folder(config_file: str | None, lang: str) -> str | None:
    """The kept site folder of one site, in the project's folder of the user's cache; ``None`` with caching off."""
    project = usercache.project_cache(config_file)
    if project is None:
        return None
    name = name_digest(f"{os.path.abspath(config_file or '.')}|{lang}", 8)
    return os.path.join(project, FOLDER, name)


def use(config: Any, lang: str) -> None:
    """Point ``config.site_dir`` at the site's kept folder (under ``serve --dirty``, from ``on_config``).

    Leaves MkDocs' temporary folder when caching is off, another server holds the folder, or the
    process is not a dirty server.
    """
    if not _serving["on"]:
        return
    configured = configured_site_url(config.config_file_path)
    if configured is not False:  # the pages' canonical links as published, so that they are the build's pages
        config.site_url = configured
    site = f"{os.path.abspath(config.config_file_path or '.')}|{lang}"
    folder = _kept.get(site)
    if folder is None:
        folder = site_folder(config.config_file_path, lang)
        if folder is None or not _lock(folder):
            return
        _kept[site] = folder
        _mark(folder)
    config.site_dir = folder


def configured_site_url(config_file: str | None) -> str | Literal[False] | None:
    """``site_url`` as the settings file (``INHERIT`` followed) gives it, and MkDocs would check it; ``False`` when
    that cannot be read (the server's address then stays).

    ``mkdocs serve`` replaces it by the server's address, which only the pages' canonical links show
    (``<link rel="canonical">``, for search engines); its path stays the configured one. A dirty server
    keeps the configured one, so that its pages are byte for byte those ``accountplan build`` writes,
    and its first build can take the unchanged ones from the last build's carried site
    (:meth:`generator.incremental.build.Build.seed`). Every dirty server does, caching on or off, so
    that its pages never depend on the cache; without a ``site_url`` its pages have no canonical
    link, as the published ones.
    """
    from mkdocs.config import config_options
    from mkdocs.config.base import ValidationError
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    if not config_file:
        return False
    try:
        with open(config_file, "rb") as handle:
            value = yaml_load(handle).get("site_url")
        return config_options.Optional(config_options.URL(is_dir=True)).validate(value)
    except (OSError, AttributeError, ConfigurationError, ValidationError, yaml.YAMLError):
        # an unreadable or invalid file (or not a mapping): MkDocs has said so, or will
        return False


def _mark(folder: str) -> None:
    """Mark the folder as built by this tool, so that the site guard (``on_pre_build``) lets MkDocs write into it."""
    with contextlib.suppress(OSError), open(os.path.join(folder, MARKER), "w", encoding="utf-8") as marker:
        marker.write(MARKER_TEXT)


def _lock(folder: str) -> bool:
    """Take the folder for this process's life; ``False`` when another server has it (or it cannot be made)."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        # Held open, and locked, until the process ends: no context manager.
        handle = open(os.path.join(os.path.dirname(folder), f".{os.path.basename(folder)}.lock"), "wb")  # noqa: SIM115
    except OSError:
        return False
    try:
        import fcntl
    except ImportError:  # no advisory locks here (Windows): one server at a time is then the user's part
        _locks[folder] = handle
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return False
    _locks[folder] = handle
    return True


def is_kept(folder: str) -> bool:
    """Whether ``folder`` is a kept folder this process serves from (and holds the lock of)."""
    return folder in _locks


def stamp_path(folder: str) -> str:
    """Where the stamp of the kept folder ``folder`` is."""
    return os.path.join(os.path.dirname(folder), f".{os.path.basename(folder)}{STAMP}")


def fresh(config: Any) -> bool:
    """At a server's first build (``on_config``): whether its kept folder was never built into (it has no stamp).

    It is emptied now (what it may hold was never stamped), and its first build may start filling it
    at once from the last ``accountplan build``'s site, while it gathers
    (:meth:`generator.incremental.build.Build.seed`); :func:`check` then leaves it as it is.
    """
    folder = config.site_dir
    if folder not in _locks or folder in _checked or os.path.exists(stamp_path(folder)):
        return False
    _empty(folder)
    _emptied.add(folder)
    return True


def _empty(folder: str) -> None:
    """Delete everything in the kept folder, and mark it as built by this tool."""
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    _mark(folder)


def check(config: Any, pages: list[str], code: str) -> bool:
    """At a server's first build (``on_files``): empty the kept folder when what ``--dirty`` cannot see changed.

    ``True`` when this build starts from an empty kept folder (emptied, or never written): every page is built.
    The stamp is taken away while a build writes and put back when it ended well (:func:`building`,
    :func:`built`): a server stopped or failing half-way leaves pages its search index does not match, and the
    next server then starts from an emptied folder.

    ``pages``: every documentation page's source path, generated ones included (the navigation of every
    page depends on them, and a page no longer built must not stay in the kept folder);
    ``code``: the version of the generator's code (it writes and post-processes the generated pages).
    """
    folder = config.site_dir
    if folder not in _locks or folder in _checked:
        return False
    _checked.add(folder)
    now = stamp(config, pages, code)
    path = stamp_path(folder)
    try:
        with open(path, encoding="utf-8") as handle:
            same = handle.read() == now
    except OSError:
        same = False
    if not same and folder not in _emptied:  # else emptied by fresh(): only this build has written into it since
        _empty(folder)
    _stamps[folder] = now
    return not same


def building(config: Any) -> None:
    """A server's build is about to write into its kept folder (``on_files``, after :func:`check`): no stamp until
    it ends well."""
    if config.site_dir in _stamps:
        with contextlib.suppress(OSError):
            os.unlink(stamp_path(config.site_dir))


def failed(site_dir: str | None) -> None:
    """A server's build failed (``on_build_error``): its kept folder is not stamped again in this process.

    The pages it wrote are newer than their sources, so ``--dirty`` skips them on the next save, and their
    search entries are the previous index's: the next server starts from an emptied folder.
    """
    if site_dir is not None:
        _stamps.pop(site_dir, None)


def built(config: Any) -> None:
    """A server's build ended well, its search index written (``on_post_build``): the kept folder stamped again."""
    now = _stamps.get(config.site_dir)
    if now is not None:
        with contextlib.suppress(OSError), open(stamp_path(config.site_dir), "w", encoding="utf-8") as handle:
            handle.write(now)


def stamp(config: Any, pages: list[str], code: str) -> str:
    """A digest of every input of the kept HTML that MkDocs' ``--dirty`` does not compare by file time."""
    digest = hashlib.blake2b(digest_size=16)
    try:
        chain = repr(inherit_chain(config.config_file_path)) if config.config_file_path else "-"
    except (ValueError, OSError):  # a bad chain fails the build elsewhere
        chain = "?"
    versions = []
    for package in ("mkdocs", "mkdocs-material"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("-")
    environment = _environment(config.config_file_path) if config.config_file_path else "-"
    for part in (chain, environment, repr(sorted(pages)), repr(versions), code, config.site_url or ""):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for folder in _own_theme_dirs(config):  # names, sizes and times: a theme file edited while no server ran
        for top, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                with contextlib.suppress(OSError):
                    st = os.stat(os.path.join(top, name))
                    digest.update(f"{os.path.relpath(os.path.join(top, name), folder)}|{st.st_size}|"
                                  f"{st.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest() + "\n"


class _EnvNames(yaml.SafeLoader):
    """Reads a settings file for the names its ``!ENV`` tags read (into ``names``); every other tag is ignored."""

    names: list[str]


def _env_tag(loader: _EnvNames, node: yaml.Node) -> None:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: every name (the default too: one more name is harmless)."""
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    loader.names += [str(item.value) for item in nodes if isinstance(item, yaml.ScalarNode)]


def _other_tag(loader: _EnvNames, suffix: str, node: yaml.Node) -> None:
    return None


_EnvNames.add_constructor("!ENV", _env_tag)
_EnvNames.add_multi_constructor("", _other_tag)


def _environment(config_file: str) -> str:
    """The environment values the settings file and those it ``INHERIT``s read with ``!ENV``.

    MkDocs puts them in place of the tags, so they can change any setting (the site's name, a plugin's
    options) while every file stays as it was. ``"?"`` when a file cannot be read (the build fails elsewhere).
    """
    names: list[str] = []
    current = config_file
    for _ in range(INHERIT_DEPTH + 1):
        try:
            with open(current, encoding="utf-8") as handle:
                loader = _EnvNames(handle.read())
            loader.names = names
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return "?"
        parent = data.get("INHERIT") if isinstance(data, dict) else None
        if not isinstance(parent, str) or not parent:
            break
        current = os.path.join(os.path.dirname(current), parent)
    return repr([(name, os.environ.get(name)) for name in names])


def _own_theme_dirs(config: Any) -> list[str]:
    """The theme's folders but those of installed MkDocs and Material (their versions are stamped instead).

    Material's folder holds over 10,000 icon files: listing them took 2.5 s of a loaded machine.
    """
    installed = []
    for module in ("mkdocs", "material"):
        with contextlib.suppress(ImportError):
            installed.append(os.path.dirname(os.path.abspath(__import__(module).__file__ or "")))
    return [d for d in config.theme.dirs
            if not any(os.path.commonpath([os.path.abspath(d), top]) == top for top in installed)]


def serve_from(server: Any, config: Any) -> None:
    """Serve the kept folder (``on_serve``): MkDocs' server, and its 404 page, still point at its temporary one."""
    if config.site_dir not in _locks or not hasattr(server, "root"):
        return
    root = os.path.abspath(config.site_dir)
    server.root = root

    def error_page(code: int) -> bytes | None:
        """The site's own page for a 404 or 500, as MkDocs' ``serve`` reads it from its folder."""
        if code not in (404, 500):
            return None
        try:
            with open(os.path.join(root, f"{code}.html"), "rb") as page:
                return page.read()
        except OSError:
            return None

    server.error_handler = error_page
