"""Gather every file under ``accounts/`` into a :class:`Portfolio`, with all problems found.

Layout::

    accounts/roster.yml                     our people
    accounts/<slug>/account.md              profile, strategy, plans, register...
    accounts/<slug>/contacts/<id>.md        one file per customer contact
    accounts/<slug>/activities/<name>.md    one file per contact activity
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..model import Account, Activity, Contact, Roster
from .cache import LoadCache
from .document import Document
from .files import error, load_document, slug_problem

ROSTER = "roster.yml"
ACCOUNT = "account.md"
PARALLEL_THRESHOLD = 600
"""Below this many files a process pool costs more than it saves."""
CHUNKSIZE = 512
"""Most files per message to and from a pool worker (measured best of 64–2048 at N=100 and N=1000 on 2 cores)."""


@dataclass
class Dossier:
    """One account: its main file, contacts and activities."""

    slug: str
    folder: str
    account: Document[Account]
    contacts: list[Document[Contact]] = field(default_factory=list)
    activities: list[Document[Activity]] = field(default_factory=list)
    contact_ids: set[str] = field(default_factory=set)
    """Ids of every contact file, loaded or not, so a broken file does not also break references."""

    def contact(self, contact_id: str) -> Contact | None:
        """The contact with this id, if loaded."""
        for doc in self.contacts:
            if doc.data.id == contact_id:
                return doc.data
        return None


@dataclass
class Portfolio:
    """Everything loaded from one ``accounts/`` folder."""

    root: str
    roster: Document[Roster] | None
    dossiers: list[Dossier]
    diagnostics: list[Diagnostic]
    """Problems found while loading (files, YAML, schema)."""

    @property
    def people(self) -> dict[str, Any]:
        """Roster people by id."""
        return {p.id: p for p in self.roster.data.people} if self.roster else {}


@dataclass(frozen=True)
class _Task:
    path: str
    shown: str
    kind: str
    slug: str


_MODELS: dict[str, tuple[type, bool]] = {
    "roster": (Roster, False),
    "account": (Account, True),
    "contact": (Contact, True),
    "activity": (Activity, True),
}


def _load_task(task: _Task) -> tuple[_Task, Document[Any] | None, list[Diagnostic]]:
    model, markdown = _MODELS[task.kind]
    try:
        with open(task.path, "rb") as handle:
            raw = handle.read(2_000_001)
    except OSError as exc:
        return task, None, [error(task.shown, 0, 0, "AP001", f"cannot read file: {exc.strerror}")]
    doc, diagnostics = load_document(task.shown, raw, model, markdown=markdown)
    return task, doc, diagnostics


def _display(path: str) -> str:
    folder, sep, name = path.rpartition(os.sep)
    shown = _display_folder(os.getcwd(), folder or sep)
    if shown is None:
        return path
    return name if shown == "." else shown + os.sep + name


@functools.lru_cache(maxsize=4096)
def _display_folder(cwd: str, folder: str) -> str | None:
    """``folder`` relative to ``cwd``, or ``None`` outside it; memoized, as relpath per file is slow."""
    rel = os.path.relpath(folder or ".", cwd)
    return None if rel.startswith("..") else rel


def discover(root: str) -> tuple[list[_Task], list[Diagnostic]]:
    """Every dossier file to load, and problems with names and links found on the way."""
    tasks: list[_Task] = []
    problems: list[Diagnostic] = []

    def entries(folder: str) -> Iterator[os.DirEntry[str]]:
        with os.scandir(folder) as it:
            listed = sorted(it, key=lambda e: e.name)
        seen: dict[str, str] = {}
        for entry in listed:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                problems.append(error(_display(entry.path), 0, 0, "AP003",
                                      "symbolic links are not followed in accounts/",
                                      "replace the link with the file itself"))
                continue
            folded = entry.name.casefold()
            if folded in seen:
                problems.append(error(_display(entry.path), 0, 0, "AP004",
                                      f"name differs only by case from '{seen[folded]}'", "rename one of them"))
                continue
            seen[folded] = entry.name
            yield entry

    def named(entry: os.DirEntry[str], stem: str) -> bool:
        why = slug_problem(stem)
        if why:
            problems.append(error(_display(entry.path), 0, 0, "AP004", f"name '{stem}' {why}",
                                  "use lower-case ASCII letters, digits and '-'"))
        return why is None

    for entry in entries(root):
        if entry.is_file() and entry.name == ROSTER:
            tasks.append(_Task(entry.path, _display(entry.path), "roster", ""))
        elif entry.is_dir() and named(entry, entry.name):
            tasks.extend(_account_tasks(entry, entries, named, problems))
        elif not entry.is_dir():
            problems.append(Diagnostic(_display(entry.path), 0, 0, "AP010", Severity.WARNING,
                                       "unexpected file in accounts/ is ignored",
                                       "accounts/ holds roster.yml and one folder per account"))
    return tasks, problems


def _account_tasks(
    folder: os.DirEntry[str],
    entries: Callable[[str], Iterator[os.DirEntry[str]]],
    named: Callable[[os.DirEntry[str], str], bool],
    problems: list[Diagnostic],
) -> Iterator[_Task]:
    slug = folder.name
    has_main = False
    for entry in entries(folder.path):
        if entry.is_file() and entry.name == ACCOUNT:
            has_main = True
            yield _Task(entry.path, _display(entry.path), "account", slug)
        elif entry.is_dir() and entry.name in ("contacts", "activities"):
            kind = "contact" if entry.name == "contacts" else "activity"
            for item in entries(entry.path):
                stem, ext = os.path.splitext(item.name)
                if not item.is_file() or ext != ".md":
                    problems.append(Diagnostic(_display(item.path), 0, 0, "AP010", Severity.WARNING,
                                               f"only .md files are read in {entry.name}/", "rename or remove it"))
                elif named(item, stem):
                    yield _Task(item.path, _display(item.path), kind, slug)
        else:
            problems.append(Diagnostic(_display(entry.path), 0, 0, "AP010", Severity.WARNING,
                                       "unexpected entry in an account folder is ignored",
                                       "an account folder holds account.md, contacts/ and activities/"))
    if not has_main:
        problems.append(error(_display(folder.path), 0, 0, "AP008", "account folder has no account.md",
                              "create account.md or run 'accountplan new account'"))


def load_portfolio(root: str, *, jobs: int | None = None,
                   progress: Callable[[int, int], None] | None = None, cache: str | None = None) -> Portfolio:
    """Load and schema-check every file under ``root``; never raises for bad data.

    ``cache`` is a folder for the content-keyed load cache (:mod:`.cache`); only files
    whose bytes changed are parsed again. ``progress(done, total)`` is called as files load.
    """
    if not os.path.isdir(root):
        diag = error(_display(root), 0, 0, "AP008", "accounts folder not found", "create it or pass its path")
        return Portfolio(root, None, [], [diag])
    with _gc_paused():
        tasks, diagnostics = discover(root)
        store = LoadCache(cache) if cache else None
        cached, todo = store.lookup(tasks) if store else ([], tasks)
        fresh = list(_parse(todo, jobs, progress, len(cached), len(tasks)))
        if store:
            store.store(fresh)
        order = {task.path: i for i, task in enumerate(tasks)}
        results = sorted(cached + fresh, key=lambda r: order[r[0].path])
        return assemble(root, results, diagnostics)


def _parse(tasks: list[_Task], jobs: int | None, progress: Callable[[int, int], None] | None,
           done: int, total: int) -> Iterator[tuple[_Task, Document[Any] | None, list[Diagnostic]]]:
    """Load ``tasks`` in a process pool when there are enough of them, reporting progress."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(tasks) >= PARALLEL_THRESHOLD:
        # The collector is paused in workers too: they only build objects and send them back.
        with ProcessPoolExecutor(max_workers=workers, initializer=gc.disable) as pool:
            loaded: Iterator[tuple[_Task, Document[Any] | None, list[Diagnostic]]] = pool.map(
                _load_task, tasks, chunksize=max(16, min(CHUNKSIZE, len(tasks) // (4 * workers))))
            yield from _counted(loaded, progress, done, total)
    else:
        yield from _counted(map(_load_task, tasks), progress, done, total)


def _counted(results: Iterator[tuple[_Task, Document[Any] | None, list[Diagnostic]]],
             progress: Callable[[int, int], None] | None, done: int,
             total: int) -> Iterator[tuple[_Task, Document[Any] | None, list[Diagnostic]]]:
    if progress and done:
        progress(done, total)
    for result in results:
        done += 1
        if progress and (done % 200 == 0 or done == total):
            progress(done, total)
        yield result


def copy_portfolio(portfolio: Portfolio) -> Portfolio:
    """A deep copy, except that each document's ``positions`` dict is shared with the original.

    Positions are never changed in place once loaded (redaction assigns new dicts), and they
    are half of a portfolio's objects: sharing them halves the memory and time of a copy.
    One pickle round trip with the collector paused is three times faster than ``copy.deepcopy``.
    """
    docs = _documents(portfolio)
    shared = [doc.positions for doc in docs]
    try:
        for doc in docs:
            doc.positions = {}
        with _gc_paused():
            copied: Portfolio = pickle.loads(pickle.dumps(portfolio, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        for doc, positions in zip(docs, shared, strict=True):
            doc.positions = positions
    for doc, positions in zip(_documents(copied), shared, strict=True):
        doc.positions = positions
    return copied


def _documents(portfolio: Portfolio) -> list[Document[Any]]:
    """Every document of a portfolio, in a fixed order."""
    docs: list[Document[Any]] = [portfolio.roster] if portfolio.roster else []
    for dossier in portfolio.dossiers:
        docs += [dossier.account, *dossier.contacts, *dossier.activities]
    return docs


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building the portfolio.

    Loading creates millions of small acyclic objects; the collector would scan them again
    and again as they pile up (a third of the load time at 1,000 accounts) and find nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Freezing moves what was built into the permanent generation, so the next
        # collection does not scan it all at once; refcounting still frees it as usual.
        gc.freeze()
        if enabled:
            gc.enable()


def assemble(root: str, results: list[tuple[_Task, Document[Any] | None, list[Diagnostic]]],
             diagnostics: list[Diagnostic]) -> Portfolio:
    """Group loaded documents into dossiers."""
    roster: Document[Roster] | None = None
    dossiers: dict[str, Dossier] = {}
    pending: list[tuple[_Task, Document[Any]]] = []
    contact_ids: dict[str, set[str]] = {}
    for task, doc, problems in results:
        diagnostics.extend(problems)
        if task.kind == "contact":
            contact_ids.setdefault(task.slug, set()).add(os.path.splitext(os.path.basename(task.path))[0])
        if doc is None:
            continue
        if task.kind == "roster":
            roster = doc
        elif task.kind == "account":
            dossiers[task.slug] = Dossier(task.slug, os.path.dirname(task.path), doc)
        else:
            pending.append((task, doc))
    for task, doc in pending:
        dossier = dossiers.get(task.slug)
        if dossier is None:
            continue
        if task.kind == "contact":
            stem = os.path.splitext(os.path.basename(task.path))[0]
            if doc.data.id != stem:
                diagnostics.append(doc.diagnostic("AP201", Severity.ERROR,
                                                  f"contact id '{doc.data.id}' differs from its file name '{stem}.md'",
                                                  f"set 'id: {stem}' or rename the file", ("id",)))
            dossier.contacts.append(doc)
        else:
            dossier.activities.append(doc)
    for slug, dossier in dossiers.items():
        dossier.contact_ids = contact_ids.get(slug, set())
        dossier.activities.sort(key=lambda d: (d.data.date, d.path))
    if roster is None:
        diagnostics.append(error(_display(os.path.join(root, ROSTER)), 0, 0, "AP008", "roster.yml is missing",
                                 "list our people in accounts/roster.yml"))
    return Portfolio(root, roster, [dossiers[k] for k in sorted(dossiers)], diagnostics)
