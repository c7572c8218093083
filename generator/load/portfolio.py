"""Gather every file under ``accounts/`` into a :class:`Portfolio`, with all problems found.

Layout::

    accounts/roster.yml                     our people
    accounts/<slug>/account.md              profile, strategy, plans, register...
    accounts/<slug>/contacts/<id>.md        one file per customer contact
    accounts/<slug>/activities/<name>.md    one file per contact activity
    accounts/<slug>/opportunities/<id>.md   one file per opportunity (机会点)
    accounts/<slug>/actions/<id>.md         one file per action item
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..model import Account, Action, Activity, Contact, Opportunity, Roster
from ..model.document import Document
from .cache import LoadCache
from .files import error, load_document, slug_problem

ROSTER = "roster.yml"
ACCOUNT = "account.md"
KINDS = {"contacts": "contact", "activities": "activity", "opportunities": "opportunity", "actions": "action"}
"""The subfolders of an account folder that are read, and the kind of file each holds."""
_HOLDS = "an account folder holds account.md, " + ", ".join(f"{k}/" for k in KINDS)
PARALLEL_THRESHOLD = 600
"""Below this many files a process pool costs more than it saves."""
CHUNKSIZE = 512
"""Most files per message to and from a pool worker (measured best of 64–2048 at N=100 and N=1000 on 2 cores)."""


@dataclass
class Dossier:
    """One account: its main file, contacts, activities, opportunities and action items."""

    slug: str
    folder: str
    account: Document[Account]
    contacts: list[Document[Contact]] = field(default_factory=list)
    activities: list[Document[Activity]] = field(default_factory=list)
    opportunities: list[Document[Opportunity]] = field(default_factory=list)
    actions: list[Document[Action]] = field(default_factory=list)
    stems: dict[str, set[str]] = field(default_factory=dict)
    """File names without ``.md`` by kind (``activity``, ``opportunity``, ``action``), loaded or not."""
    contact_ids: set[str] = field(default_factory=set)
    """Ids of every contact file, loaded or not, so a broken file does not also break references."""
    partial: list[Document[Any]] = field(default_factory=list)
    """Contacts and activities with schema errors (:attr:`Document.partial`): only reference rules read them."""

    def documents(self) -> list[Document[Any]]:
        """The main file, contacts, activities, opportunities and actions, in that order."""
        return [self.account, *self.contacts, *self.activities, *self.opportunities, *self.actions]

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


Result = tuple[_Task, Document[Any] | None, list[Diagnostic]]
"""A file's load result: its task, its document (``None`` when it could not be loaded) and its problems."""


_MODELS: dict[str, tuple[type, bool]] = {
    "roster": (Roster, False),
    "account": (Account, True),
    "contact": (Contact, True),
    "activity": (Activity, True),
    "opportunity": (Opportunity, True),
    "action": (Action, True),
}


def _load_task(task: _Task) -> Result:
    model, markdown = _MODELS[task.kind]
    try:
        with open(task.path, "rb") as handle:
            raw = handle.read(2_000_001)
    except OSError as exc:
        return task, None, [error(task.shown, 0, 0, "AP001", f"cannot read file: {exc.strerror}")]
    doc, diagnostics = load_document(task.shown, raw, model, markdown=markdown, partial=True)
    return task, doc, diagnostics


def _display(path: str, cwd: str | None = None) -> str:
    """``path`` as diagnostics show it: relative to ``cwd`` (default: the working folder) when inside it."""
    folder, sep, name = path.rpartition(os.sep)
    shown = _display_folder(cwd or os.getcwd(), folder or sep)
    if shown is None:
        return path
    return name if shown == "." else shown + os.sep + name


@functools.lru_cache(maxsize=4096)
def _display_folder(cwd: str, folder: str) -> str | None:
    """``folder`` relative to ``cwd``, or ``None`` outside it; memoized, as relpath per file is slow."""
    rel = os.path.relpath(folder or ".", cwd)
    return None if rel.startswith("..") else rel


def _by_name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _entries(folder: str, problems: list[Diagnostic], cwd: str) -> list[os.DirEntry[str]]:
    """The visible entries of ``folder`` by name; symbolic links and case clashes go to ``problems`` instead."""
    with os.scandir(folder) as it:
        listed = sorted(it, key=_by_name)
    seen: dict[str, str] = {}
    kept = []
    for entry in listed:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            problems.append(error(_display(entry.path, cwd), 0, 0, "AP003",
                                  "symbolic links are not followed in accounts/",
                                  "replace the link with the file itself"))
            continue
        folded = entry.name.casefold()
        if folded in seen:
            problems.append(error(_display(entry.path, cwd), 0, 0, "AP004",
                                  f"name differs only by case from '{seen[folded]}'", "rename one of them"))
            continue
        seen[folded] = entry.name
        kept.append(entry)
    return kept


def _named(entry: os.DirEntry[str], stem: str, problems: list[Diagnostic], cwd: str) -> bool:
    """Whether ``stem`` is a valid slug; reports it in ``problems`` when not."""
    why = slug_problem(stem)
    if why:
        problems.append(error(_display(entry.path, cwd), 0, 0, "AP004", f"name '{stem}' {why}",
                              "use lower-case ASCII letters, digits and '-'"))
    return why is None


def discover(root: str) -> tuple[list[_Task], list[Diagnostic]]:
    """Every dossier file to load, and problems with names and links found on the way."""
    cwd = os.getcwd()
    tasks: list[_Task] = []
    problems: list[Diagnostic] = []
    for found in discover_root(root, problems, cwd):
        if isinstance(found, _Task):
            tasks.append(found)
        else:
            folder_tasks, folder_problems = discover_folder(found.path, cwd)
            tasks += folder_tasks
            problems += folder_problems
    return tasks, problems


def discover_root(root: str, problems: list[Diagnostic], cwd: str) -> Iterator[_Task | os.DirEntry[str]]:
    """The roster's task and each account folder of ``root``, in name order.

    Problems with the names at the top level go to ``problems`` as they are met; what is
    inside each account folder is left to :func:`discover_folder`.
    """
    for entry in _entries(root, problems, cwd):
        if entry.is_file() and entry.name == ROSTER:
            yield _Task(entry.path, _display(entry.path, cwd), "roster", "")
        elif entry.is_dir() and _named(entry, entry.name, problems, cwd):
            yield entry
        elif not entry.is_dir():
            problems.append(Diagnostic(_display(entry.path, cwd), 0, 0, "AP010", Severity.WARNING,
                                       "unexpected file in accounts/ is ignored",
                                       "accounts/ holds roster.yml and one folder per account"))


def discover_folder(path: str, cwd: str) -> tuple[list[_Task], list[Diagnostic]]:
    """The files to load from the account folder at ``path``, and problems with its names."""
    slug = os.path.basename(path)
    tasks: list[_Task] = []
    problems: list[Diagnostic] = []
    has_main = False
    for entry in _entries(path, problems, cwd):
        if entry.is_file() and entry.name == ACCOUNT:
            has_main = True
            tasks.append(_Task(entry.path, _display(entry.path, cwd), "account", slug))
        elif entry.is_dir() and entry.name in KINDS:
            kind = KINDS[entry.name]
            for item in _entries(entry.path, problems, cwd):
                stem, ext = os.path.splitext(item.name)
                if not item.is_file() or ext != ".md":
                    problems.append(Diagnostic(_display(item.path, cwd), 0, 0, "AP010", Severity.WARNING,
                                               f"only .md files are read in {entry.name}/", "rename or remove it"))
                elif _named(item, stem, problems, cwd):
                    tasks.append(_Task(item.path, _display(item.path, cwd), kind, slug))
        else:
            problems.append(Diagnostic(_display(entry.path, cwd), 0, 0, "AP010", Severity.WARNING,
                                       "unexpected entry in an account folder is ignored",
                                       _HOLDS))
    if not has_main:
        problems.append(error(_display(path, cwd), 0, 0, "AP008", "account folder has no account.md",
                              "create account.md or run 'accountplan new account'"))
    return tasks, problems


def load_portfolio(root: str, *, jobs: int | None = None,
                   progress: Callable[[int, int], None] | None = None, cache: str | None = None) -> Portfolio:
    """Load and schema-check every file under ``root``; never raises for bad data.

    ``cache`` is a folder for the content-keyed load cache (:mod:`.cache`); only files
    whose bytes changed are parsed again. ``progress(done, total)`` is called as files load.
    """
    if not os.path.isdir(root):
        diag = error(_display(root), 0, 0, "AP008", "accounts folder not found", "create it or pass its path")
        return Portfolio(root, None, [], [diag])
    with gc_paused():
        tasks, diagnostics = discover(root)
        return assemble(root, load_files(tasks, jobs=jobs, progress=progress, cache=cache), diagnostics)


def load_files(tasks: list[_Task], *, jobs: int | None = None, progress: Callable[[int, int], None] | None = None,
               cache: str | None = None) -> list[Result]:
    """The load result of each task, in task order: from the cache where the file is unchanged, else parsed."""
    store = LoadCache(cache) if cache else None
    cached, todo = store.lookup(tasks) if store else ([], tasks)
    fresh = list(_parse(todo, jobs, progress, len(cached), len(tasks)))
    if store:
        store.store(fresh)
    order = {task.path: i for i, task in enumerate(tasks)}
    return sorted(cached + fresh, key=lambda r: order[r[0].path])


def _parse(tasks: list[_Task], jobs: int | None, progress: Callable[[int, int], None] | None,
           done: int, total: int) -> Iterator[Result]:
    """Load ``tasks`` in a process pool when there are enough of them, reporting progress."""
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(tasks) >= PARALLEL_THRESHOLD:
        from concurrent.futures import ProcessPoolExecutor  # only here: a re-check rarely needs it

        # The collector is paused in workers too: they only build objects and send them back.
        with ProcessPoolExecutor(max_workers=workers, initializer=gc.disable) as pool:
            loaded: Iterator[Result] = pool.map(
                _load_task, tasks, chunksize=max(16, min(CHUNKSIZE, len(tasks) // (4 * workers))))
            yield from _counted(loaded, progress, done, total)
    else:
        yield from _counted(map(_load_task, tasks), progress, done, total)


def _counted(results: Iterator[Result], progress: Callable[[int, int], None] | None, done: int,
             total: int) -> Iterator[Result]:
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
        with gc_paused():
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
        docs += dossier.documents()
    return docs


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
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


def assemble(root: str, results: list[Result], diagnostics: list[Diagnostic]) -> Portfolio:
    """Group loaded documents into dossiers (in slug order), adding the problems found on the way to ``diagnostics``."""
    roster: Document[Roster] | None = None
    folders: dict[str, list[Result]] = {}
    for result in results:
        task, doc, problems = result
        if task.kind == "roster":
            diagnostics.extend(problems)
            roster = doc if doc is not None and not doc.partial else roster
        else:
            folders.setdefault(task.slug, []).append(result)
    dossiers = []
    for slug in sorted(folders):
        dossier, problems = assemble_dossier(slug, folders[slug])
        diagnostics.extend(problems)
        if dossier is not None:
            dossiers.append(dossier)
    diagnostics.extend(roster_problems(root, roster))
    return Portfolio(root, roster, dossiers, diagnostics)


def roster_problems(root: str, roster: Document[Roster] | None) -> list[Diagnostic]:
    """The problem of a portfolio without a roster file (a roster that did not load has its own error)."""
    path = os.path.join(root, ROSTER)
    if roster is not None or os.path.isfile(path) or os.path.islink(path):
        return []
    return [error(_display(os.path.join(root, ROSTER)), 0, 0, "AP008", "roster.yml is missing",
                  "list our people in accounts/roster.yml")]


def assemble_dossier(slug: str, results: list[Result]) -> tuple[Dossier | None, list[Diagnostic]]:
    """One account folder's dossier from its files' results (``None`` without a loaded account.md), and its problems."""
    problems: list[Diagnostic] = []
    dossier: Dossier | None = None
    contact_ids: set[str] = set()
    for task, doc, found in results:
        problems.extend(found)
        if task.kind == "contact":
            contact_ids.add(os.path.splitext(os.path.basename(task.path))[0])
        elif task.kind == "account" and doc is not None and not doc.partial:
            dossier = Dossier(slug, os.path.dirname(task.path), doc)
    if dossier is None:
        return None, problems
    for task, doc, _ in results:
        if doc is None or task.kind == "account":
            continue
        if doc.partial:
            dossier.partial.append(doc)
            continue
        if task.kind == "contact":
            stem = os.path.splitext(os.path.basename(task.path))[0]
            if doc.data.id != stem:
                problems.append(doc.diagnostic("AP201", Severity.ERROR,
                                               f"contact id '{doc.data.id}' differs from its file name '{stem}.md'",
                                               f"set 'id: {stem}' or rename the file", ("id",)))
            dossier.contacts.append(doc)
        elif task.kind in ("opportunity", "action"):
            problems.extend(_id_problems(task, doc))
            (dossier.opportunities if task.kind == "opportunity" else dossier.actions).append(doc)
        else:
            dossier.activities.append(doc)
    dossier.contact_ids = contact_ids
    dossier.stems = _stems(results)
    dossier.activities.sort(key=lambda d: (d.data.date, d.path))
    return dossier, problems


def _id_problems(task: _Task, doc: Document[Any]) -> list[Diagnostic]:
    """AP201 when an opportunity's or action's ``id`` differs from its file name."""
    stem = os.path.splitext(os.path.basename(task.path))[0]
    if doc.data.id == stem:
        return []
    return [doc.diagnostic("AP201", Severity.ERROR, f"{task.kind} id '{doc.data.id}' differs from its file name "
                           f"'{stem}.md'", f"set 'id: {stem}' or rename the file", ("id",))]


def _stems(results: list[Result]) -> dict[str, set[str]]:
    """The file names without ``.md`` of an account folder's files, by kind, whether they loaded or not."""
    stems: dict[str, set[str]] = {}
    for task, _, _ in results:
        stems.setdefault(task.kind, set()).add(os.path.splitext(os.path.basename(task.path))[0])
    return stems
