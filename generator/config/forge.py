"""Links from the site to the forge's web editor: edit a dossier file, or start a new one prefilled.

MkDocs' ``repo_url`` and ``edit_uri`` say where the repository is and which branch the
docs are edited on; the same branch is used for the dossiers. GitHub and GitLab shape
their editor URLs differently::

    GitHub   <repo>/edit/<branch>/<path>     <repo>/new/<branch>/<folder>?filename=…&value=…
    GitLab   <repo>/-/edit/<branch>/<path>   <repo>/-/new/<branch>/<folder>?file_name=…&content=…

Without ``repo_url`` (or with one that is not an http(s) address) there is no
:class:`Forge` and pages show no edit links. Every path segment is percent-encoded, so a
file name can never break out of the URL.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlencode, urlsplit

Kind = Literal["github", "gitlab"]
KINDS: tuple[Kind, ...] = ("github", "gitlab")
DEFAULT_BRANCH = "main"
"""The branch edited when ``edit_uri`` does not name one."""
_VERBS = ("edit", "blob", "tree", "raw")


@dataclass(frozen=True)
class Forge:
    """Where the repository lives on the web, and the folder on disk that is its root."""

    kind: Kind
    repo_url: str
    """``https://host/owner/name`` without a trailing slash or ``.git``."""
    branch: str
    root: str
    """Absolute folder of the repository's root on this machine."""

    def repo_path(self, path: str) -> str | None:
        """``path`` (a file on disk) relative to the repository root with ``/``; ``None`` when outside it."""
        found = self._locate(path)
        return None if found is None else found[0] + found[1]

    def edit(self, path: str) -> str | None:
        """The web editor's URL for the file at ``path``; ``None`` when it is outside the repository."""
        found = self._locate(path)
        if found is None:
            return None
        return f"{self._edit_base}/{_encoded(found[0])}{quote(found[1], safe='')}"

    def _locate(self, path: str) -> tuple[str, str] | None:
        """The folder of ``path`` in the repository (``""`` or ending in ``/``) and its name; ``None`` outside."""
        folder, name = os.path.split(os.path.abspath(path))
        inside = _folder_in(self.root, folder)
        return None if inside is None or not name else (inside, name)

    def new(self, folder: str, filename: str, content: str) -> str | None:
        """The new-file editor's URL for ``filename`` in ``folder`` (on disk), prefilled with ``content``."""
        rel = self.repo_path(os.path.join(folder, filename))
        if rel is None:
            return None
        where = _segments(rel.rpartition("/")[0])
        names = ("filename", "value") if self.kind == "github" else ("file_name", "content")
        query = urlencode({names[0]: filename, names[1]: content}, quote_via=quote, safe="")
        return f"{self._base('new')}/{where}?{query}"

    @functools.cached_property
    def _edit_base(self) -> str:
        return self._base("edit")

    def _base(self, verb: str) -> str:
        dash = "/-" if self.kind == "gitlab" else ""
        return f"{self.repo_url}{dash}/{verb}/{_segments(self.branch)}"


@functools.lru_cache(maxsize=65536)
def _folder_in(root: str, folder: str) -> str | None:
    """``folder`` (absolute) relative to ``root``, with ``/`` and a trailing ``/`` (``""`` for the root).

    ``None`` when ``folder`` is outside ``root``.

    Memoized: an account page links every contact and activity in the same few folders;
    one ``edit`` call took about 60 µs with ``relpath`` per link, about 12 µs with this.
    """
    rel = os.path.relpath(folder, root)
    if rel == os.curdir:
        return ""
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, "/") + "/"


@functools.lru_cache(maxsize=65536)
def _encoded(folder: str) -> str:
    """:func:`_segments` of a folder, with its trailing ``/`` kept (memoized like :func:`_folder_in`)."""
    return _segments(folder) + "/" if folder else ""


def _segments(path: str) -> str:
    """Each ``/``-separated segment percent-encoded; the slashes kept."""
    return "/".join(quote(part, safe="") for part in path.split("/") if part)


def forge_from_mkdocs(repo_url: str | None, edit_uri: str | None, docs_dir: str, config_dir: str,
                      kind: str | None = None) -> Forge | None:
    """The forge MkDocs' settings describe, or ``None`` without a usable ``repo_url``.

    ``kind`` (``github`` or ``gitlab``) defaults to ``gitlab`` when the host's name says so,
    else ``github``. The branch and the docs folder's place in the repository are read
    from ``edit_uri`` (``edit/main/docs/``, ``-/edit/main/docs/``, or a full URL under
    ``repo_url``); the repository root is ``docs_dir`` less that folder, else the folder
    of ``mkdocs.yml``. Raises ``ValueError`` for an unknown ``kind``.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"forge '{kind}' is not known; expected one of {', '.join(KINDS)}")
    if not repo_url:
        return None
    parts = urlsplit(repo_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    base = repo_url.strip().rstrip("/").removesuffix(".git")
    chosen: Kind = ("gitlab" if "gitlab" in parts.netloc.lower() else "github") if kind is None else kind
    branch, docs_path = _branch_and_docs(edit_uri or "", base)
    return Forge(chosen, base, branch, _root(os.path.abspath(docs_dir), docs_path, os.path.abspath(config_dir)))


def _branch_and_docs(edit_uri: str, base: str) -> tuple[str, list[str]]:
    """The branch ``edit_uri`` names and the docs folder's path in the repository (segments)."""
    uri = edit_uri.strip()
    if uri.startswith(base + "/"):
        uri = uri[len(base) :]
    elif "://" in uri:
        return DEFAULT_BRANCH, []
    words = [w for w in uri.split("/") if w]
    if words[:1] == ["-"]:
        words = words[1:]
    if len(words) >= 2 and words[0] in _VERBS:
        return words[1], words[2:]
    return DEFAULT_BRANCH, []


def _root(docs_dir: str, docs_path: list[str], config_dir: str) -> str:
    """``docs_dir`` less its trailing ``docs_path`` segments, when it ends with them; else ``config_dir``."""
    if not docs_path:
        return config_dir
    tail = docs_dir.split(os.sep)[-len(docs_path) :]
    if tail == docs_path:
        return os.sep.join(docs_dir.split(os.sep)[: -len(docs_path)]) or os.sep
    return config_dir
