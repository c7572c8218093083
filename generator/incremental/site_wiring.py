"""The carried site (:mod:`.site`) wired into one MkDocs build: which one the plugin's hooks use, and its logging.

``accountplan build`` calls :func:`begin` before MkDocs builds and :func:`end` after; so does a
server's first build that starts from a build's site (:meth:`generator.incremental.build.Build.seed`).
Between the two, :func:`active` is the carried site the plugin's hooks hand the files, navigation
and search entries to; what is logged about each page is kept (:class:`_Logged`) so that
a page not rebuilt next time logs them again.
"""

from __future__ import annotations

import hashlib
import logging
import os
from typing import Any

from .. import usercache
from .signature import signature
from .site import FOLDER, CarriedSite

_DIRTY_NOTICES = ("A 'dirty' build is being performed", "The directory contains stale files")


class _Logged(logging.Handler):
    """Keeps the notes, warnings and errors logged while MkDocs reads or builds a page, to be logged again when it
    is not rebuilt.

    So a carried build warns, and fails with ``--strict`` or ``--fail-on error``, as a cold one, and its log says
    about each page what a cold build's says (MkDocs' INFO notes too: a link to a folder, to an excluded file).
    What is logged about the configuration, the navigation, the dossiers and links to anchors, every build logs.
    """

    def __init__(self, site: CarriedSite) -> None:
        super().__init__(logging.INFO)
        self.site = site

    def emit(self, record: logging.LogRecord) -> None:
        """Keep ``record`` if it is about the page being read or built."""
        page = getattr(self.site.config, "_current_page", None)
        if page is not None:
            kept = self.site.logged.setdefault(page.file.src_uri, [])
            kept.append((record.name, record.levelno, record.getMessage()))


def _not_dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs' notices about dirty builds are for previews: a carried build writes what a cold one writes."""
    return not str(record.msg).startswith(_DIRTY_NOTICES)


_active: list[CarriedSite] = []


def begin(config: Any, *, keep: bool = True, signed: Any = None) -> CarriedSite:
    """For ``accountplan build``, before MkDocs builds into ``config.site_dir`` (fresh and empty): the carried site.

    Restores the previous build's site when it can be used; build with ``dirty=site.enabled``,
    call :meth:`CarriedSite.save` after a successful build and :func:`end` in any case. ``keep=False``:
    a server's first build (:meth:`generator.incremental.build.Build.seed`), which reads the carried site
    but does not replace it; ``signed``: the configuration to sign instead of ``config``, as
    ``accountplan build`` would have it before the plugins' ``on_config`` (which fills in their defaults).
    """
    folder = usercache.project_cache(config.config_file_path)
    plugin = config.plugins.get("accountplan")
    name = f"{os.path.abspath(config.config_file_path or '.')}|{config.theme.get('language')}|" \
           f"{plugin.config.get('profile') if plugin is not None else None}"
    where = None if folder is None else os.path.join(
        folder, FOLDER, hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest())
    site = CarriedSite(where, signature(signed or config) if plugin is not None else None, config, keep=keep)
    site.restore()
    _active.append(site)
    logging.getLogger("mkdocs").addHandler(_Logged(site))
    logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_notice)
    return site


def end(site: CarriedSite) -> None:
    """After the build, successful or not: ``site`` is no longer the one the plugin wires into."""
    site.wait()
    _active.remove(site)
    logger = logging.getLogger("mkdocs")
    for handler in [h for h in logger.handlers if isinstance(h, _Logged) and h.site is site]:
        logger.removeHandler(handler)
    if not _active:
        logging.getLogger("mkdocs.commands.build").removeFilter(_not_dirty_notice)


def active() -> CarriedSite | None:
    """The carried site of the ``accountplan build`` running in this process, if it takes part."""
    return _active[-1] if _active and _active[-1].enabled else None
