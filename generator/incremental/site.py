"""A merge build that costs what changed: the previous build's site folder, carried over in the user's cache.

``accountplan build`` (``make site``, the pull-request and publish workflows) keeps a copy of
the site it built in the project's cache folder (:mod:`generator.usercache`) beside a sealed
manifest: the hash of every file of the site, a content hash of every source (hand-written
page, generated page, static file), and of every page what a build that does not read it
again needs (its title, anchors and links to anchors, its search entries). The next build
restores that copy into its fresh build folder, each file checked against the manifest's
hash (a copy changed by anyone without the user's key is not used), and runs MkDocs' dirty
build with every file's ``is_modified()`` answered from content, never from file times:
only the pages whose text changed are converted, rendered and indexed.

A dirty build is taken only where it provably writes what a cold build writes:

* the same *signature*: every file of the generator package (code, theme, catalogues),
  every installed distribution's version, the MkDocs configuration as ``accountplan build`` set it (profile, date,
  language), the bytes of the theme folders, and no plugin or hook but Material's search and
  this one (another plugin may make a page depend on anything);
* the same set of source files, or one that differs by files that none of the carried pages names: every
  page records the paths its links were resolved against (MkDocs' lookups for a Markdown page, the
  places a generated page's links may lead to), so a page added or removed rebuilds the pages whose
  links or warnings it changes, and the outputs of a removed file are deleted from the restored site;
* the same navigation (every entry's kind, title, link and metadata: every page shows it),
  checked once the changed pages are read.

Otherwise the restored folder is emptied before anything is written and every file is
built: a cold build. What a dirty build leaves out is put back: the titles of the navigation
pages it did not read, their anchors and links to anchors (MkDocs checks links against them),
and the search index, whose entries for the pages not rebuilt come from the manifest, in the
order a cold build writes them, and what was logged about them (so a carried build notes, warns
and fails as a cold one).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path, PurePath
from typing import Any, NoReturn

from mkdocs.exceptions import MkDocsException

from .. import usercache
from ..model.keys import RACY_NS
from ..publish.atomic import OutsideFolder, target_in, write_bytes_atomic
from ..publish.site import MARKER as SITE_MARKER
from ..publish.site import MARKER_TEXT as SITE_MARKER_TEXT
from . import site_index
from .site_copy import copy_in_child, file_hash, stat_key
from .site_manifest import Anchors, Manifest, PageRecord, nav_text, packed_anchors, relative_path

FOLDER = "site"
"""The carried sites' folder, inside the project's cache folder."""
MANIFEST = "manifest"
TREE = "tree"
INDEX = "search/search_index.json"
"""Not kept in the tree: every merge build writes it anew from the pages' records (:meth:`CarriedSite._pages`), and a
copy kept was read, hashed, written and restored for nothing (331 MB at 10,000 accounts)."""

log = logging.getLogger("mkdocs.plugins.accountplan.site")


class CarriedSite:
    """One ``accountplan build``'s carried site: restored before the build, saved after a clean one."""

    def __init__(self, folder: str | None, signature: str | None, config: Any, *, keep: bool = True) -> None:
        self.folder = folder
        """This site's folder in the user's cache; ``None`` when caching is off."""
        self.signature = signature
        """``None`` when the site cannot be carried (an unknown plugin, a hook)."""
        self.config = config
        self.keep = keep
        """Whether a successful build is kept for the next one: not a server's (:meth:`Build.seed
        <generator.incremental.build.Build.seed>`), which only starts from the last ``accountplan build``'s site."""
        self.site_dir: str = config.site_dir
        self.before: Manifest | None = None
        self.full = True
        """Every file is built: no site was restored, or it cannot be used."""
        self.sources: dict[str, bytes | None] = {}
        self.changed: dict[str, bool] = {}
        self.skipped: dict[str, Any] = {}
        """The files not rebuilt, by source path."""
        self.files: Any = None
        self.nav: Any = None
        self.nav_text = ""
        self.logged: dict[str, list[tuple[str, int, str]]] = {}
        """What was logged while each page was read or built, by source path."""
        self.depends: dict[str, set[str]] = {}
        """The paths whose presence each page read or built depends on, by source path (:attr:`PageRecord.depends`)."""
        self.all_files: dict[str, tuple[str, bool]] = {}
        """Every file's output path and whether it is included, by source path (:attr:`Manifest.files`)."""
        self.rebuild: set[str] = set()
        """Pages built though their text is unchanged: they link to a file added or removed since the carried build."""
        self.gone: list[str] = []
        """The outputs of the files removed since the carried build, deleted from the site (:meth:`complete`)."""
        self._release: Callable[[str], object] = lambda src: None
        self._page_key: Callable[[str], str | None] = lambda src: None
        self.restored: dict[str, tuple[bytes, tuple[int, ...]]] = {}
        """The hash and stat of every file restored, by path inside the site."""
        self.restored_at = 0
        self._copying: threading.Thread | None = None
        """The thread putting the carried files into the build folder while the build gathers (:meth:`restore`)."""
        self._copy_failed = False
        self.attached_at = 0
        """When the files were attached (``on_nav``): every source this build compares was written before."""
        self.settled = False
        """The restore ended well before MkDocs could write (:meth:`complete`): an unchanged stat is then proof."""

    @property
    def enabled(self) -> bool:
        """Whether this build takes part: MkDocs then builds dirty, asking :meth:`_modified` for every file."""
        return self.folder is not None and self.signature is not None

    def restore(self) -> None:
        """Put the previous build's site into the empty build folder when its manifest is this build's and intact.

        The files are copied (and checked against the manifest) by a thread while the build loads and gathers,
        which leaves the second core idle in a merge build; :meth:`wait` ends it before MkDocs writes anything
        (``on_env``), and a file found missing or changed then makes the build a cold one, as before.
        """
        if not self.enabled:
            return
        assert self.folder is not None
        sealed = os.path.join(self.folder, MANIFEST)
        before = usercache.load(sealed)
        if not isinstance(before, Manifest):
            if os.path.lexists(sealed):  # else no build was carried: nothing to say
                log.info("accountplan: the carried site's manifest is damaged or not sealed with this user's key; "
                         "building every page")
            return
        if before.signature != self.signature:
            self._say("the generator, the installed packages, the configuration or the theme changed")
            return
        # The site's marker first, as the build writes it: the plugin's check of the folder (on_pre_build) runs
        # while the thread copies, and must find the folder either empty or marked as a site this tool built.
        try:
            Path(self.site_dir, SITE_MARKER).write_text(SITE_MARKER_TEXT, encoding="utf-8")
        except OSError:  # the build will say what is wrong with its folder; nothing is carried over
            return
        self.before, self.full = before, False
        self._copying = threading.Thread(target=self._copy, args=(before,), name="accountplan-restore", daemon=True)
        self._copying.start()

    def wait(self) -> None:
        """Let the restore finish (before anything is written into the build folder or it is deleted)."""
        if self._copying is not None:
            self._copying.join()
            self._copying = None

    def _copy(self, before: Manifest) -> None:
        """:meth:`restore`'s thread: every file of the manifest into the build folder, each checked by its hash, by a
        child process (:mod:`.site_copy`: a thread copying here slowed the load it ran beside)."""
        assert self.folder is not None
        tree = os.path.realpath(os.path.join(self.folder, TREE))
        try:
            files = [(relative_path(relative), digest) for relative, digest in before.outputs.items()]
            # a server's files are older than any source until its build ends well (_date_restored)
            stats = copy_in_child(tree, self.site_dir, files, oldest=not self.keep)
            self.restored = {relative: (digest, stats[relative]) for relative, digest in files}
        except Exception:  # a file missing or changed, or anything else: nothing of it is used (see complete)
            self._copy_failed = True
            return
        self.restored_at = time.monotonic_ns()

    def attach(self, files: Any, nav: Any, release: Callable[[str], object],
               page_key: Callable[[str], str | None] = lambda src: None) -> None:
        """From ``on_nav``: answer every file's ``is_modified()`` from its content; a changed file set builds all.

        ``release(src_uri)`` is called for each generated page that is not rebuilt, once that is sure.
        ``page_key(src_uri)``: the content key of a generated page whose text is a function of it (an account or
        person page: :class:`generator.incremental.pages.KeptPages`), which then stands for its text, so that a
        page kept compressed from the previous build is not unpacked to be compared.
        """
        self.files, self.nav, self._release, self._page_key = files, nav, release, page_key
        if not self.keep:
            self.attached_at = self._now_on_disk()
        included = [f for f in files if f.inclusion.is_included()]
        self.all_files = {f.src_uri: (f.dest_uri, f.inclusion.is_included()) for f in files}
        if self.before is not None and not self.full and (self.all_files != self.before.files or
                                                          {f.src_uri for f in included} != self.before.sources.keys()):
            self._files_changed(self.before)
        for file in included:
            file.is_modified = partial(self._modified, file)
        files.get_file_from_path = partial(self._looked_up, files.get_file_from_path)

    def _files_changed(self, before: Manifest) -> None:
        """The set of files differs from the carried build's: the pages whose links name a file added or removed are
        rebuilt, the removed files' outputs deleted (:meth:`complete`); a build of every file when that is unknown."""
        now, then = self.all_files, before.files
        if then is None or _shared_outputs(now) or _shared_outputs(then):  # which file's page a cold build keeps
            self._cold("the set of pages and files changed")                # where two write one path: not worked out
            return
        changed = {src for src in now.keys() | then.keys() if now.get(src) != then.get(src)}
        paths = changed | {files[src][0] for files in (now, then) for src in changed if src in files}
        self.rebuild = {src for src, record in before.pages.items() if src in now and record.depends_on(paths)}
        written = {dest for dest, included in now.values() if included}
        self.gone = sorted({then[src][0] for src in changed if src in then and then[src][1]} - written)
        added = sum(1 for src in changed if now.get(src, ("", False))[1] and not then.get(src, ("", False))[1])
        removed = sum(1 for src in changed if then.get(src, ("", False))[1] and not now.get(src, ("", False))[1])
        log.info(f"accountplan: {added} files added and {removed} removed since the carried build; "
                 f"{len(self.rebuild)} pages linking to them rebuilt")

    def _looked_up(self, lookup: Callable[[str], Any], path: str) -> Any:
        """``Files.get_file_from_path``, the path kept as one the page being read or built depends on (MkDocs looks up
        every link of a Markdown page, and the places it suggests for one that leads nowhere, this way)."""
        page = getattr(self.config, "_current_page", None)
        if page is not None:
            self.depends.setdefault(page.file.src_uri, set()).add(PurePath(path).as_posix())
        return lookup(path)

    def depend(self, src: str, paths: set[str]) -> None:
        """``paths`` (output paths a generated page's links may lead to) decide whether the page ``src`` warns."""
        self.depends.setdefault(src, set()).update(paths)

    def _modified(self, file: Any) -> bool:
        """Whether ``file`` is built: its content differs from the carried build's, or every file is built."""
        src = file.src_uri
        if src not in self.changed:
            page_key = self._page_key(src) if file.generated_by else None
            key: bytes | None
            try:
                if page_key is not None:  # the page's text is a function of its key: the key stands for it
                    key = file_hash(f"{file.dest_uri}\0{page_key}".encode("utf-8", "surrogatepass"), person=b"page-key")
                else:
                    key = file_hash(f"{file.dest_uri}\0".encode("utf-8", "surrogatepass") + file.content_bytes)
            except (OSError, ValueError, KeyError):
                key = None
            self.sources[src] = key
            changed = key is None or self.before is None or self.before.sources.get(src) != key or src in self.rebuild
            self.changed[src] = changed
            if not changed and file.is_documentation_page():
                self.skipped[src] = file
        return self.full or self.changed[src]

    def complete(self, config: Any) -> None:
        """From ``on_env``, the changed pages read: give the others what is read of them, or build all.

        Navigation pages not read get their metadata and title; if the navigation then differs
        from the carried build's, the skipped pages are read after all and every file is built.
        """
        self.wait()
        if not self.enabled or self.nav is None:
            return
        # MkDocs writes nothing before this event: a later write of the same size gets another mtime.
        self.settled = time.monotonic_ns() - self.restored_at > RACY_NS
        from mkdocs.utils.meta import get_data

        in_nav = {page.file.src_uri for page in self.nav.pages}
        for src, file in self.skipped.items() if not self.full else ():
            if src in in_nav:
                file.page.markdown, file.page.meta = get_data(file.content_string)
                file.page._title_from_render = self._record(src).title
        self.nav_text = nav_text(self.nav.items)
        why = "a file of the carried site is missing or changed" if self._copy_failed else "the navigation changed"
        if not self.full and self.before is not None and (self._copy_failed or self.nav_text != self.before.nav):
            self._cold(why)
            from mkdocs.commands.build import _populate_page  # MkDocs' own reading of a page, as a cold build does

            for file in self.skipped.values():
                _populate_page(file.page, config, self.files)
        if self.full:
            self.skipped = {}
            return
        for relative in self.gone:
            self._delete(relative)
        for src, file in self.skipped.items():
            record = self._record(src)
            file.page.present_anchor_ids = None if record.anchors is None else Anchors(record.anchors)
            file.page.links_to_anchors = {self.files.get_file_from_path(to): dict(links)
                                          for to, links in record.links.items()}
            for name, level, message in record.logged:  # what a cold build logs about the page
                logging.getLogger(name).log(level, message)
            if file.generated_by:
                self._release(src)
        pages, skipped = len(self.files.documentation_pages()), len(self.skipped)
        log.info(f"accountplan: {skipped} of {pages} pages carried over from the previous build's site")

    def _delete(self, relative: str) -> None:
        """The restored output ``relative`` of a file removed since, and the folders it leaves empty, as a cold build
        never makes them."""
        self.restored.pop(relative, None)
        try:
            path = target_in(self.site_dir, relative_path(relative))
            os.unlink(path)
        except (OSError, ValueError, OutsideFolder):
            return
        folder = os.path.dirname(path)
        top = os.path.realpath(self.site_dir)
        while os.path.realpath(folder) != top:
            try:
                os.rmdir(folder)
            except OSError:  # not empty
                return
            folder = os.path.dirname(folder)

    def _record(self, src: str) -> PageRecord:
        assert self.before is not None
        return self.before.pages[src]

    @staticmethod
    def _say(why: str) -> None:
        """Tell why the carried site is not used: every page is built."""
        log.info(f"accountplan: {why} since the carried build; building every page")

    def _cold(self, why: str) -> None:
        """Build every file, into an emptied folder: nothing has been written into it yet."""
        self.wait()
        self._say(why)
        self.full, self.restored = True, {}
        _empty(self.site_dir)

    def save(self) -> None:
        """After a successful build: merge the search index, then keep the site for the next build (a server's first
        build, ``keep=False``, only dates its restored files: :meth:`_date_restored`; its index: :meth:`merge_served`).

        Keeping it may fail (a full disk) at the cost of the next build's speed only; merging the
        index may not, since the index is part of the site.
        """
        if not self.enabled or self.files is None:
            return
        assert self.folder is not None
        if not self.keep:  # a server's first build: the build's site left as it was
            self._date_restored()
            return
        manifest = os.path.join(self.folder, MANIFEST)
        pages = self._pages()
        with contextlib.suppress(OSError):  # a folder in its place is no manifest either (and failed the build)
            os.unlink(manifest)  # the tree changes now: no manifest names a half-written one
        if pages is not None:  # else the search index cannot be split by page: this site is not carried over
            with contextlib.suppress(OSError):
                self._keep(pages)

    def merge_served(self, entries: list[dict[str, Any]]) -> bool:
        """A server's first build (``keep=False``), before its search plugin writes the index: ``entries`` (the
        plugin's, of the pages this build indexed) made every page's, in the order a cold server indexes them.

        The plugin keeps its index as objects for the server's later saves (MkDocs' ``--dirty``), so the carried
        entries go into that list, not only into the file. The drafts a server builds are in the order too.
        Entries of no page (another plugin's) come last, as after a save (``search_index.in_page_order``). Whether
        the entries were made every page's (not for a build other than a seeded server's first).
        """
        if self.keep or self.full or not self.skipped or self.files is None:
            return False
        from mkdocs.structure.files import InclusionLevel

        by_url = site_index.by_page(entries)
        merged: list[dict[str, Any]] = []
        for file in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            if file.src_uri in self.skipped:
                merged += site_index.entries(self._record(file.src_uri).entries)
            else:
                merged += by_url.pop(file.page.url, [])
        for rest in by_url.values():
            merged += rest
        entries[:] = merged
        return True

    def _now_on_disk(self) -> int:
        """Now, by the clock files are dated with (the kernel's, which lags the precise one by up to a tick): the time
        the site's marker gets when touched. A little earlier when it cannot be touched (a page is rebuilt once more).
        """
        try:
            marker = os.path.join(self.site_dir, SITE_MARKER)
            os.utime(marker)
            return os.stat(marker).st_mtime_ns
        except OSError:
            return time.time_ns() - RACY_NS

    def _date_restored(self) -> None:
        """A server's restored files not written since, dated when the changed pages were known (:meth:`attach`).

        They were restored with the oldest time (:meth:`_copy`), so that a server stopped before this point
        leaves nothing that MkDocs' ``--dirty`` would take for newer than its source; now they are as new as
        the page store's files they were compared with, and older than any edit made since.
        """
        stamp = self.attached_at
        for relative, (_, stat) in self.restored.items():
            path = os.path.join(self.site_dir, relative)
            with contextlib.suppress(OSError):
                if stat_key(os.stat(path)) == stat:  # else written by this build: its own time stays
                    os.utime(path, ns=(stamp, stamp))

    def _keep(self, pages: dict[str, PageRecord]) -> None:
        """Copy the files that changed into the cache's tree, delete those that are gone, seal the new manifest."""
        assert self.folder is not None and self.signature is not None
        outputs = {relative: self._digest(Path(self.site_dir, relative), relative)
                   for relative in _site_files(self.site_dir) if relative != INDEX}
        tree = os.path.join(self.folder, TREE)
        kept = self.before.outputs if self.before is not None and not self.full else {}
        if not kept:
            shutil.rmtree(tree, ignore_errors=True)
        for relative, digest in outputs.items():
            if kept.get(relative) != digest:
                data = (Path(self.site_dir) / relative).read_bytes()
                write_bytes_atomic(target_in(tree, relative), data, durable=False)
        for relative in set(kept) - set(outputs):
            os.unlink(target_in(tree, relative))
        sources = {src: key for src, key in self.sources.items() if key is not None}
        usercache.dump(self.folder, MANIFEST, Manifest(self.signature, sources, outputs, pages, self.nav_text,
                                                       self.all_files))

    def _digest(self, path: Path, relative: str) -> bytes:
        """The hash of a file of the built site: the restored one's when it was not written since."""
        known = self.restored.get(relative)
        if known is not None and self.settled and stat_key(path.stat()) == known[1]:
            return known[0]
        return file_hash(path.read_bytes())

    def _pages(self) -> dict[str, PageRecord] | None:
        """Every page's record; the search index rewritten with the carried entries of the pages not rebuilt."""
        index = Path(self.site_dir) / INDEX
        data: dict[str, Any] | None = None
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(index.read_bytes())
        built = data["docs"] if isinstance(data, dict) and isinstance(data.get("docs"), list) else []
        by_url = site_index.by_page(built)
        records: dict[str, PageRecord] = {}
        merged: list[dict[str, Any]] = []
        for file in self.files.documentation_pages():
            src, page = file.src_uri, file.page
            if src in self.skipped:
                records[src] = self._record(src)
            else:
                anchors, entries = page.present_anchor_ids, by_url.pop(page.url, [])
                records[src] = PageRecord(page._title_from_render, packed_anchors(anchors),
                                          {to.src_uri: dict(links) for to, links in page.links_to_anchors.items()},
                                          site_index.pack(entries), tuple(self.logged.get(src, ())),
                                          "\n".join(sorted(self.depends.get(src, ()))))
                merged.extend(entries)
        if by_url:  # entries no page's address leads to: the index is not a list of pages' entries
            return self._unmerged() if self.skipped else None  # never publish an index without them
        if not self.skipped and merged != built:  # the index is not the pages' entries in page order
            return None
        if self.skipped and data is not None:
            chunks = site_index.index_chunks(data, (record.entries for record in records.values()))
            if chunks is None:  # an index laid out otherwise: the next build is a cold one
                return self._unmerged()
            write_bytes_atomic(index, chunks, durable=False)  # never half-written: the next build would carry it
        return records

    def _unmerged(self) -> NoReturn:
        """The carried entries cannot go into this build's index: never publish it without them."""
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(self.folder or "", MANIFEST))
        raise MkDocsException("the carried-over search index could not be merged; build again")


def _site_files(folder: str) -> list[str]:
    """The files under ``folder`` (links to files included, as ``Path.is_file`` counts them), as relative POSIX paths
    in the order ``sorted(Path(folder).rglob("*"))`` gives them: by their parts."""
    found: list[str] = []
    for top, folders, names in os.walk(folder):
        folders.sort()
        base = os.path.relpath(top, folder)
        prefix = "" if base == "." else base.replace(os.sep, "/") + "/"
        found += (prefix + name for name in names if os.path.isfile(os.path.join(top, name)))
    return sorted(found, key=lambda relative: relative.split("/"))


def _shared_outputs(files: dict[str, tuple[str, bool]]) -> bool:
    """Whether two included files write the same output path (``foo.md`` and ``foo/index.md``)."""
    written = [dest for dest, included in files.values() if included]
    return len(written) != len(set(written))


def _empty(folder: str) -> None:
    """Delete everything inside ``folder`` (the build folder, fresh and ours), keeping the folder."""
    from mkdocs.utils import clean_directory

    clean_directory(folder)
