"""Search sections of generated pages, walked without an HTML parser, equal what Material's indexer makes (issue 18)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from generator.render import search_text
from generator.render.search_text import Section, sections
from tests.generated_pages import ACCOUNTS, IDS, converted


def _material(page_html: str) -> list[tuple[str | None, str, str]]:
    parser = Parser()
    parser.feed(page_html)
    parser.close()
    return [(s.id, "".join(s.title), "".join(s.text)) for s in parser.data if not s.is_excluded()]


def _walked(found: list[Section]) -> list[tuple[str | None, str, str]]:
    return [(s.id, "".join(s.title), "".join(s.text)) for s in found]


@pytest.mark.parametrize("accounts", ACCOUNTS, ids=IDS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_generated_page_gives_the_indexers_sections(accounts: Path, lang: str) -> None:
    for src, _, direct in converted(accounts, lang):
        assert direct is not None
        found = sections(direct.html)
        assert found is not None, f"{src}: left to the search plugin"
        assert _walked(found) == _material(direct.html), src


@pytest.mark.parametrize("page_html", [
    '<p>preface</p>\n<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>\n'
    "<div><p> </p><ul><li>x &amp; y</li><li>z</li></ul><pre>a\n  b</pre><br/><code>c</code></div>",
    '<h1 id="top">Top</h1><p>one</p><div><h3 id="deep">Deep</h3><p>two</p></div><p>three</p>',
    # A section left (its element closed) is never returned to, though a later one nested deeper is left too.
    '<p>a</p><div><h3 id="c">C</h3>x</div><div><div><h3 id="d">D</h3>y</div>z</div>w',
    "<table><tr><td>a</td>\n\n<td>b</td></tr></table><p>x<sub>2</sub></p><!-- note --><svg><path d='M0 0'/></svg>",
    '<p>a</p><svg class="ap-svg"><title>t</title><style>.ap-svg .b{font-weight:700}</style><text class="b">x</text>'
    "</svg><p>b</p>",
])
def test_nested_headings_whitespace_and_kept_tags_as_the_indexer_does(page_html: str) -> None:
    found = sections(page_html)
    assert found is not None
    assert _walked(found) == _material(page_html)


@pytest.mark.parametrize("page_html", ['<div data-search-exclude><p>x</p></div>', "<script>a<b</script>",
                                       "<STYLE>p{}</STYLE>", "<style>a<b</style>",
                                       "<p>1 < 2</p>", "<!DOCTYPE html><p>x</p>"])
def test_pages_the_walk_cannot_read_are_left_to_the_search_plugin(page_html: str) -> None:
    assert sections(page_html) is None


@pytest.mark.parametrize("page_html", ["<p>x</p>", "<SCRIPT>", "<ObJeCt data=x>", '<style>a{}</style>',
                                       "<STYLE>a{}</STYLE>", "<style>a{}</style><Style x>", "<styles>",
                                       "<style x>a<b</style>", "<!DOCTYPE html>", "<!-- c -->", "<?xml",
                                       "DATA-Search-Exclude", "<p>İ linenodiv</p>", "<p>İ</p><script>",
                                       "<p>İ</p>", "LineNoDiv", "<scripts>"])
def test_the_quick_unreadable_check_finds_what_the_pattern_finds(page_html: str) -> None:
    # The check scans a lower-cased copy; a character that lower-cases to two falls back to the pattern.
    assert search_text._unreadable(page_html) == (search_text._UNREADABLE.search(page_html) is not None)


_PIECES = ["<div>", "</div>", "<p>", "</p>", "<pre>", "</pre>", "<li>", "</li>", "<ul>", "</ul>", "<code>", "</code>",
           "<span/>", "<p/>", "<br>", "<br/>", "<td>", "</td>", "</tr>", "<hx>", "</hx>", "<H2 id='u'>", "</H2>",
           '<h1 id="t">', "</h1>", '<h2 id="a&amp;b">', "</h2>", "<h3>", "</h3>", '<h3 id="c">',
           '<a class="headerlink">', '<a href="#x">', "</a>", "<SUB>", "</sub>", "<!-- c -->", "x", "y z", " ", "\n",
           "\n  \n", "a\nb", "&amp;", "&lt;q&gt;", "  w  "]


@pytest.mark.parametrize("seed", range(300))
def test_random_tag_soup_gives_the_indexers_sections(seed: int) -> None:
    # Nested and unclosed headings, stray end tags, "/>" on ordinary tags, whitespace in and out of <pre>:
    # every path of the walk against the parser it stands in for.
    rng = random.Random(seed)
    page_html = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60)))
    found = sections(page_html)
    assert found is not None
    assert _walked(found) == _material(page_html), page_html
