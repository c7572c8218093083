"""``accountplan source add``: fetch a page and append it to an account's ``sources``, comments kept.

The entry gets the page's title and publication date, the date it was collected, a channel
proposed from the configured domain table, and a fingerprint of the page's text for
``accountplan source check``. The frontmatter is rewritten by ruamel's round trip with the
layout of ``accountplan fmt``, so comments stay, and the result is checked before it is
written: the file must hold exactly the data it held before plus the new entry. The file
is replaced atomically: it changes whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError

from ..diagnostics import Diagnostic
from ..edit.fmt import canonical, reindent_comments, round_trip_yaml
from ..edit.scaffold import ScaffoldError, account_folder, slugify
from ..load.files import decode, split_frontmatter
from ..load.tasks import read_regular
from ..load.yamlnodes import Mapping as YamlMapping
from ..load.yamlnodes import YamlProblem, parse
from ..model.account import Channel
from ..model.portfolio import ACCOUNT
from ..publish.atomic import write_text_atomic
from .extract import extract
from .fetch import Client

CHANNELS: tuple[str, ...] = typing.get_args(Channel)
ID_WORDS = 4
"""Words of the title in a generated source id."""


class SourceError(Exception):
    """A source that cannot be added; the message says why and what to do. Nothing was written."""


@dataclass(frozen=True)
class Added:
    """The entry written, and where."""

    path: str
    entry: dict[str, str]
    site_name: str | None


def propose_channel(url: str, table: Mapping[str, str]) -> str | None:
    """The channel of the longest domain in ``table`` that is ``url``'s host or a parent of it."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    best: tuple[int, str] | None = None
    for domain, channel in table.items():
        domain = str(domain).lower().strip(".")
        if domain and (host == domain or host.endswith("." + domain)) and (best is None or len(domain) > best[0]):
            best = (len(domain), str(channel))
    return best[1] if best else None


def source_id(title: str, taken: set[str]) -> str:
    """``s-`` and the title's first words, made unique with ``-2``, ``-3``… against ``taken``."""
    words = "-".join(slugify(title).split("-")[:ID_WORDS]) or "page"
    base = f"s-{words}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add_source(root: str, slug: str, url: str, *, client: Client, today: dt.date, channels: Mapping[str, str],
               channel: str | None = None, title: str | None = None, sid: str | None = None) -> Added:
    """Fetch ``url`` and append its entry to ``<root>/<slug>/account.md``.

    Raises :class:`SourceError` for requests that cannot be met (nothing fetched or written)
    and :class:`~generator.sources.fetch.FetchError` when the page cannot be fetched.
    """
    try:
        path = os.path.join(account_folder(root, slug), ACCOUNT)
    except ScaffoldError as exc:
        raise SourceError(str(exc)) from None
    if os.path.islink(path):
        raise SourceError(f"{path} is a symbolic link; it is not written through (run 'accountplan check')")
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise SourceError(f"'{url}' is not an http or https address")
    document = _read(path)
    existing = _sources(document.data)
    for entry in existing:
        if str(entry.get("url") or "") == url:
            raise SourceError(f"{path} already cites {url} as '{entry.get('id')}'; edit that entry instead")
    chosen = channel or propose_channel(url, channels)
    if chosen is None:
        raise SourceError(f"no channel is configured for {urlsplit(url).hostname}; pass --channel (one of "
                          f"{', '.join(CHANNELS)}) or add the domain to source_channels in mkdocs.yml")
    if chosen not in CHANNELS:
        raise SourceError(f"channel '{chosen}' is not one of {', '.join(CHANNELS)}")
    page = client.fetch(url)
    meta = extract(page, today)
    final_title = title or meta.title
    if not final_title:
        kind = "an HTML page without a title" if page.is_html else f"a {page.content_type} file, not an HTML page"
        raise SourceError(f"{url} is {kind}; pass --title with the document's title")
    taken = {str(e.get("id")) for e in existing}
    new_id = sid or source_id(final_title, taken)
    if new_id in taken:
        raise SourceError(f"{path} already has a source '{new_id}'; pass another --id")
    entry = {"id": new_id, "channel": chosen, "title": final_title, "collected": today.isoformat()}
    if meta.published is not None:
        entry["published"] = meta.published.isoformat()
    entry.update({"url": url, "fingerprint": meta.fingerprint})
    write_text_atomic(path, document.with_entry(entry))
    return Added(path, entry, meta.site_name)


@dataclass
class _Document:
    """An account file read for a round trip."""

    path: str
    yaml: str
    body: str
    data: CommentedMap

    def with_entry(self, entry: dict[str, str]) -> str:
        """The file's text with ``entry`` appended to ``sources``; :class:`SourceError` if anything else changed."""
        sources = self.data.get("sources")
        if sources is None:
            sources = self.data["sources"] = CommentedSeq()
        elif not isinstance(sources, CommentedSeq):
            raise SourceError(f"{self.path}: 'sources' is not a list; run 'accountplan check'")
        if sources.fa.flow_style():
            sources.fa.set_block_style()
        sources.append(CommentedMap(entry))
        out = io.StringIO()
        round_trip_yaml().dump(self.data, out)
        text = reindent_comments(out.getvalue())
        _same_but_one(parse(self.yaml, 1), parse(text), self.path)
        return f"---\n{text}---\n{self.body}"


def _read(path: str) -> _Document:
    """The account file's frontmatter, loaded for a round trip; :class:`SourceError` when it cannot be."""
    try:
        raw = read_regular(path)
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror}") from None
    text, problems = decode(path, raw)
    if text is None:
        raise SourceError(_first(problems))
    split = split_frontmatter(path, text)
    if isinstance(split, Diagnostic):
        raise SourceError(split.one_line())
    source, body, _ = split
    try:
        parse(source, 1)  # refuses what the loader refuses (anchors, tags, syntax errors) with a position
        data = round_trip_yaml().load(source)
    except YamlProblem as exc:
        raise SourceError(f"{path}:{exc.line}:{exc.column}: {exc.message}; run 'accountplan check'") from None
    except RuamelError as exc:
        raise SourceError(f"{path}: YAML cannot be read ({type(exc).__name__}); run 'accountplan check'") from None
    if not isinstance(data, CommentedMap):
        raise SourceError(f"{path}: the frontmatter is not a mapping of keys; run 'accountplan check'")
    return _Document(path, source, body, data)


def _sources(data: CommentedMap) -> list[Mapping[str, Any]]:
    sources = data.get("sources")
    return [s for s in sources if isinstance(s, Mapping)] if isinstance(sources, list) else []


def _same_but_one(before: Any, after: Any, path: str) -> None:
    """Guard: ``after`` holds what ``before`` held plus one more source (a bug otherwise; nothing is written)."""
    if not isinstance(before, YamlMapping) or not isinstance(after, YamlMapping):
        raise SourceError(f"{path}: the frontmatter is not a mapping of keys")
    old, new = dict(canonical(before)), dict(canonical(after))
    old_sources, new_sources = old.pop("sources", None) or [], new.pop("sources", None) or []
    if old != new or new_sources[: len(old_sources)] != old_sources or len(new_sources) != len(old_sources) + 1:
        raise SourceError(f"{path}: adding the entry would change other data; the file was left unchanged "
                          "(please report this file to the maintainers)")


def _first(problems: list[Diagnostic]) -> str:
    return problems[0].one_line() if problems else "the file cannot be read"
