"""A generated page's HTML and search sections made in the worker that rendered it (issue 18, P1).

MkDocs runs in one process: after the workers (:mod:`generator.render.parallel`) rendered the
account and person pages, the main process still turned each into HTML (:func:`.direct.convert`)
and walked that HTML for its search sections (:func:`.search_text.sections`), the largest part of
its own work per page. A worker now does both right after rendering the page, the way the main
process would: heavy blocks lifted (:mod:`.lift`), the frontmatter split off as MkDocs splits it,
then the conversion and the walk.

What the worker made is only used for exactly the input it was made from: the conversion when
the Markdown MkDocs hands over has the same digest (and the permalink settings are the same), the
sections when the page's HTML is that conversion's HTML. Anything else (a plugin that changed the
Markdown, a page the walk cannot read) is done in the main process as before, so the site is the
same byte for byte either way (``tests/site/test_parallel_build.py``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from mkdocs.utils import meta

from ..publish.linkcheck import distinct_links
from ..render.direct import Converted, Permalink, convert
from ..render.parallel import pack, unpack
from .carried import packed_sections
from .lift import lift


@dataclass(frozen=True)
class Ready:
    """One page's conversion and search sections, as a worker sends them back."""

    markdown: bytes
    """Digest of the Markdown the conversion is of (the page text, blocks lifted, frontmatter split off)."""
    converted: bytes
    """The pickled :class:`~generator.render.direct.Converted` without its HTML, compressed."""
    html: bytes
    """Its HTML, compressed (:func:`~generator.render.parallel.pack`): as the main process holds it until the page
    is written (:mod:`generator.mkdocs_plugin.held`), which then need not compress it again."""
    links: tuple[str, ...]
    """The distinct links of its HTML (:func:`generator.publish.linkcheck.distinct_links`), for each page's check."""
    block_links: dict[str, tuple[str, ...]]
    """The distinct links of each heavy block lifted out of the page (:mod:`.lift`), by the block's name: at 1,000
    accounts the main process listed 89 MB of charts' links again (1.2 s of a cold build)."""
    sections: bytes | None
    """The sections of its HTML as :mod:`.carried` packs them, compressed (``None``: left to the main process).

    Held from the page's conversion to its indexing, which MkDocs does only once every page is
    converted: compressed, a tenth of the room."""


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def prepare(text: str, permalink: Permalink) -> Ready | None:
    """In a worker: what the main process would make of the generated page ``text`` (``None``: not of the shape)."""
    blocks: dict[str, str] = {}
    markdown, _ = meta.get_data(lift(text, blocks))
    converted = convert(markdown, permalink)
    if converted is None:
        return None
    rest = zlib.compress(pickle.dumps(dataclasses.replace(converted, html=""), pickle.HIGHEST_PROTOCOL), 1)
    return Ready(_digest(markdown), rest, pack(converted.html), distinct_links(converted.html),
                 {name: distinct_links(block) for name, block in blocks.items()}, packed_sections(converted.html))


@dataclass(frozen=True)
class Made:
    """What a worker made of a page's HTML beside the HTML itself, for the main process to use once."""

    html: str
    """The HTML (held here only until the page's turn: it is the page's content meanwhile)."""
    packed: bytes
    """It compressed."""
    links: tuple[str, ...]
    """Its distinct links."""
    block_links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The distinct links of the heavy blocks the worker lifted out of the page, by name."""


class Prepared:
    """The main process's side: conversions and sections made by the workers, taken once each."""

    def __init__(self, permalink: Permalink | None) -> None:
        self.permalink = permalink
        self._converted: dict[bytes, Ready] = {}
        self._sections: dict[bytes, bytes] = {}
        """Packed sections by the digest of the HTML they are of. Not by the HTML itself: MkDocs converts every page
        before it indexes the first, and a key would keep each page's HTML alive while the plugin holds
        ``page.content`` compressed (:mod:`generator.mkdocs_plugin.held`)."""
        self._made: Made | None = None
        """What a worker made of the HTML of the page converted last. MkDocs hands that page's content to the plugin
        before it converts the next page; the very same string object, unless a plugin changed it. Only the last is
        kept: a page whose HTML another plugin changed never asks for it, and must not leave it held to the end."""

    def add(self, ready: Ready) -> None:
        """A worker's result, until the page is converted."""
        self._converted[ready.markdown] = ready

    def convert(self, markdown: str, permalink: Permalink) -> Converted | None:
        """:func:`generator.render.direct.convert` of ``markdown``, from a worker when it made exactly this one."""
        ready = self._converted.pop(_digest(markdown), None) if permalink == self.permalink else None
        if ready is None:
            return convert(markdown, permalink)
        rest: Converted = pickle.loads(zlib.decompress(ready.converted))  # from our own forked worker
        converted = dataclasses.replace(rest, html=unpack(ready.html))
        self._made = Made(converted.html, ready.html, ready.links, ready.block_links)
        if ready.sections is not None:
            self._sections[_digest(converted.html)] = ready.sections
        return converted

    def made(self, page_html: str, *, take: bool = False) -> Made | None:
        """What a worker made of exactly ``page_html`` (this very string), if any; with ``take``, forgotten here
        (whether it was of this HTML or not)."""
        found = self._made if self._made is not None and self._made.html is page_html else None
        if take:
            self._made = None
        return found

    def sections(self, page_html: str) -> bytes | None:
        """The packed search sections a worker made of exactly ``page_html``, if any (taken: asked once):
        compressed, as :func:`.carried.packed_sections` gives them."""
        return self._sections.pop(_digest(page_html), None)
