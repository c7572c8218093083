"""Account and person pages kept from the previous build, reused while none of their inputs changed.

Render gives each page as a pure function of the site's data (:func:`generator.render.pages.account_page`,
:func:`~generator.render.pages.person_page`); here each page's inputs are reduced to a content key,
and a page whose key is the one of the previous build is taken from it unread. The keys are the
same whether the previous build ran in this process (``mkdocs serve --dirty``) or in another one
whose pages were sealed in the user's cache (:mod:`.carried`).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model.keys import digest, dossier_key, frozen_repr
from ..model.portfolio import Dossier
from ..render import paths
from ..render.context import Site
from ..render.movement import gains, movement_of
from ..render.parallel import pack
from ..render.team import touches
from .versions import code_version, theme_version

kept: dict[str, dict[str, tuple[str, bytes]]] = {}
"""Per page store: each account and person page's key and text from this process's last build."""


class KeptPages:
    """Account and person pages kept from the previous build of this site, reused while no input changed.

    An account page is a function of its dossier's files (their content digests), the
    portfolio-wide inputs (code and theme, language, link style, settings — which hold
    today, rules, limits, scoring and profiles —, the audience level, the roster, whether
    changes are shown, where the history was read from — :attr:`Movement.head`, not the commit id, so a new
    commit renders again only the pages whose own history it changed) and the account's
    own derived inputs (findings, last change; its scores and their change follow from its
    dossier and the settings). All of them go into the key, so any change that
    could alter the page renders it again; everything else is reused unread. A person's
    page is a function of the same portfolio-wide inputs, every dossier that names the
    person (team, contact owner, activity) and the person's scores and their change.
    """

    def __init__(self, store: str, level: str) -> None:
        self.store = store
        self.pages = kept.setdefault(store, {})
        self.level = level
        self.hits = 0
        """How many pages were reused."""
        self.keys: dict[str, str] = {}
        """Key of every account and person page of this build, by source path (kept with its text after the build)."""
        self._common: str | None = None

    def common(self, site: Site) -> str:
        """The part of every key that is the same for all pages of one build."""
        if self._common is None:
            roster = site.portfolio.roster
            history = movement_of(site)  # where the history was read from; each page's own history is in its key
            parts = [code_version(), theme_version(), site.t.lang, str(site.directory_urls), repr(site.settings),
                     self.level, roster.digest if roster else "-", str(bool(site.deltas)),
                     f"{history.head}|{history.available}" if history else "-"]
            self._common = digest(parts)
        return self._common

    def key(self, site: Site, dossier: Dossier) -> str:
        """The key of one account page."""
        # The account's scores and their change since the quarter start are functions of its dossier and the
        # settings (``score_account``), both in the key already; findings can come from other files (references).
        # Its history and change since the quarter start come from git, which moves between two builds.
        parts = [self.common(site), dossier_key(dossier),
                 frozen_repr(site.findings.get(dossier.slug, [])), repr(site.changed.get(dossier.slug)),
                 repr(sorted(site.deltas.get(("account", dossier.slug), {}).items())), _history(site, dossier.slug)]
        return digest(parts)

    def person_key(self, site: Site, person_id: str) -> str:
        """The key of one person's page: the roster, every dossier naming them, their scores."""
        parts = [self.common(site), person_id, *(f"{slug}|{dossier_key(dossier)}"
                                                 for slug, dossier in sorted(touches(site, person_id).items())),
                 frozen_repr(site.person_score(person_id)),
                 repr(sorted(site.deltas.get(("person", person_id), {}).items())),
                 _history(site, person_id, person=True)]
        return digest(parts)

    def account(self, site: Site, dossier: Dossier) -> str | bytes | None:
        """The account page's text from the previous build when its key is unchanged, else ``None`` (render it).

        Bytes are the text compressed (:func:`generator.render.parallel.pack`), as kept: they wait so in
        :class:`~generator.render.parallel.Pages`, and a merge build that carries its site over never reads most
        of them (unpacked together they were ≈250 MB at 1,000 accounts)."""
        return self._kept(paths.account_page(dossier.slug), self.key(site, dossier))

    def person(self, site: Site, person_id: str) -> str | bytes | None:
        """A person's page from the previous build when its key is unchanged, else ``None``."""
        return self._kept(paths.person_page(person_id), self.person_key(site, person_id))

    def previous(self, src: str) -> bytes | None:
        """The page as the previous build kept it (compressed), kept again under its previous key without looking
        at its inputs (a server's save shows the accounts' pages first: :func:`.compose.accounts_first`)."""
        found = self.pages.get(src)
        if found is None:
            return None
        self.keys[src] = found[0]
        return found[1]

    def _kept(self, src: str, key: str) -> str | bytes | None:
        self.keys[src] = key
        found = self.pages.get(src)
        if found is None or found[0] != key:
            return None
        self.hits += 1
        return found[1]

    def packed(self, src: str, text: str, packed: bytes | None = None) -> bytes:
        """A page's text for :meth:`remember`, compressed: as kept when the page was reused, else ``packed`` (the
        text compressed already, by the worker that rendered it), else compressed now."""
        reused = self.reused(src)
        return reused if reused is not None else packed if packed is not None else pack(text)

    def reused(self, src: str) -> bytes | None:
        """The page's text as kept (compressed), when this build reused it; ``None`` when it was rendered again."""
        found = self.pages.get(src)
        return found[1] if found is not None and found[0] == self.keys.get(src) else None

    def remember(self, pages: Mapping[str, str | bytes]) -> None:
        """Keep this build's account and person pages, compressed, for the next one; pages that are gone drop out."""
        before = dict(self.pages)
        self.pages.clear()
        for src, key in self.keys.items():
            if src in pages:
                found = before.get(src)
                self.pages[src] = found if found is not None and found[0] == key else (key, pack(pages[src]))


def _history(site: Site, name: str, *, person: bool = False) -> str:
    """What an account page (or with ``person``, a person's page) shows of the git history."""
    found = movement_of(site)
    if found is None:
        return "-"
    head = repr((found.as_of, found.ends, found.available, found.shallow, found.first))
    if person:
        return head + repr(gains(site).get(name, []))
    return head + (found.keys.get(name) or repr(found.accounts.get(name)))  # a key stands for the whole history
