"""``accountplan source check``: are the cited pages still there, and still saying the same?

Every ``http(s)`` source URL is fetched again (each URL once, however many accounts cite
it), several at a time but at most :data:`PER_HOST` at once per host. The findings are
ordinary diagnostics at the source's ``url`` line, in their own code range:

| code | severity | what |
|---|---|---|
| AP501 ``source-gone`` | warning | the page answers 4xx/5xx, or its host no longer resolves |
| AP502 ``source-changed`` | warning | the page's text differs from the ``fingerprint`` taken when collected |
| AP503 ``source-unchecked`` | info | the page could not be checked this time (timeout, refused, too large…) |

A run in which no page could be reached at all (every fetch failed before any server
answered) is taken to be offline: it reports nothing and says so.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..diagnostics import Diagnostic, Severity, place, sort_diagnostics, within
from ..model import codes
from ..model.account import Account, Source
from ..model.document import Document
from ..model.portfolio import Portfolio
from .extract import fingerprint
from .fetch import GONE, Client, FetchError, Page

GONE_CODE, CHANGED_CODE, UNCHECKED_CODE = codes.SOURCE_GONE, codes.SOURCE_CHANGED, codes.SOURCE_UNCHECKED
CODES = {GONE_CODE: "source-gone", CHANGED_CODE: "source-changed", UNCHECKED_CODE: "source-unchecked"}
"""The codes ``source check`` reports; they are not rules of ``check`` (they need the network)."""
WORKERS = 8
PER_HOST = 2
"""Pages fetched at once from one host, so that a check never hammers a customer's website."""
_NETWORK_DOWN = frozenset({"dns", "unreachable", "timeout"})


@dataclass(frozen=True)
class Cited:
    """One source entry with a web address, and the file that holds it."""

    doc: Document[Account]
    index: int
    source: Source

    @property
    def url(self) -> str:
        """The cited address."""
        return self.source.url or ""


@dataclass(frozen=True)
class Fetched:
    """What fetching one address gave: a page or an error."""

    page: Page | None
    error: FetchError | None


def cited_sources(portfolio: Portfolio, only: Iterable[str] = ()) -> list[Cited]:
    """Every source with an http(s) URL, in files under ``only`` (absolute paths) when given."""
    scope = [place(p) for p in only]  # as the dossiers' files are named: shown (an escaped name compares as one)
    found = []
    for dossier in portfolio.dossiers:
        where = place(dossier.account.path)
        if scope and not any(within(where, p) for p in scope):
            continue
        for i, source in enumerate(dossier.account.data.sources):
            if source.url and urlsplit(source.url).scheme.lower() in ("http", "https"):
                found.append(Cited(dossier.account, i, source))
    return found


def fetch_all(urls: Iterable[str], client: Client, *, workers: int = WORKERS,
              per_host: int = PER_HOST) -> dict[str, Fetched]:
    """Each distinct URL fetched once, concurrently, at most ``per_host`` at a time per host."""
    distinct = sorted(set(urls))
    limits = {host: threading.BoundedSemaphore(per_host) for host in {_host(u) for u in distinct}}

    def one(url: str) -> Fetched:
        with limits[_host(url)]:
            try:
                return Fetched(client.fetch(url), None)
            except FetchError as exc:
                return Fetched(None, exc)

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(distinct) or 1))) as pool:
        return dict(zip(distinct, pool.map(one, distinct), strict=True))


def offline(results: dict[str, Fetched]) -> bool:
    """Whether no server answered at all and at least one fetch failed for lack of a network."""
    if not results or any(r.page is not None or (r.error and r.error.kind == "status") for r in results.values()):
        return False
    return any(r.error is not None and r.error.kind in _NETWORK_DOWN for r in results.values())


def findings(cited: Iterable[Cited], results: dict[str, Fetched]) -> list[Diagnostic]:
    """A diagnostic per source that is gone, changed or could not be checked."""
    found = []
    for item in cited:
        result = results.get(item.url)
        if result is None:
            continue
        diagnostic = _finding(item, result)
        if diagnostic is not None:
            found.append(diagnostic)
    return sort_diagnostics(found)


def _finding(item: Cited, result: Fetched) -> Diagnostic | None:
    source, loc = item.source, ("sources", item.index, "url")
    collected = f"collected {source.collected}"
    if result.error is not None:
        error = result.error
        if error.kind in GONE:
            return item.doc.diagnostic(
                GONE_CODE, Severity.WARNING, f"source '{source.id}' is gone: {error} at {source.url} ({collected})",
                "find where the document moved (or an archived copy) and update 'url', or cite another source", loc)
        return item.doc.diagnostic(
            UNCHECKED_CODE, Severity.INFO, f"source '{source.id}' could not be checked: {error} ({source.url})",
            "run 'accountplan source check' again later", loc)
    assert result.page is not None
    if source.fingerprint and source.fingerprint.startswith("sha256:"):
        now = fingerprint(result.page)
        if now != source.fingerprint:
            return item.doc.diagnostic(
                CHANGED_CODE, Severity.WARNING,
                f"source '{source.id}' has changed since it was {collected}: {source.url} no longer shows the "
                "text it showed then",
                f"re-read the page; if the facts citing it still hold, set 'collected' to today and 'fingerprint' "
                f"to {now}", loc)
    return None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
