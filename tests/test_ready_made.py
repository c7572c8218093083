"""What a worker made of a page's HTML is used for that very HTML only, and never held past the page's turn."""

from __future__ import annotations

from mkdocs.utils import meta

from generator.incremental.lift import lift
from generator.incremental.ready import Made, Prepared, prepare
from generator.publish.linkcheck import distinct_links
from generator.render.direct import Permalink


def test_the_worker_s_bytes_serve_only_the_very_string_and_are_let_go_at_the_page_s_turn() -> None:
    prepared = Prepared(None)
    html = "".join(["<p>page</p>"] * 3)
    prepared._made = Made(html, b"packed", ("../a/",))
    assert prepared.made("<p>page</p>" * 3) is None  # equal text, another object: a plugin's copy
    found = prepared.made(html)
    assert found is not None and found.links == ("../a/",) and prepared.made(html, take=True) is found
    assert prepared.made(html) is None  # taken


def test_a_page_whose_html_a_plugin_changed_leaves_nothing_held() -> None:
    prepared = Prepared(None)
    html = "".join(["<p>page</p>"] * 3)
    prepared._made = Made(html, b"packed", ())
    assert prepared.made(html + "<!-- -->", take=True) is None
    assert prepared._made is None  # was kept, HTML and bytes, to the end of the build


def test_the_worker_lists_the_links_of_each_block_it_lifts_as_the_main_process_would() -> None:
    block = '<svg><a href="../b/">B</a><a href="../b/">B</a><a href="../c/">C</a></svg>'
    text = f'## Page {{ #page }}\n\n<p><a href="../a/">A</a></p>\n\n<!--ap:lift-->\n{block}\n<!--/ap:lift-->\n'
    ready = prepare(text, Permalink())
    assert ready is not None and ready.links == ("#page", "../a/")  # the page's own, the block lifted out
    blocks: dict[str, str] = {}
    lift(text, blocks)
    assert ready.block_links == {name: distinct_links(lifted) for name, lifted in blocks.items()}
    assert list(ready.block_links.values()) == [("../b/", "../c/")]
    prepared = Prepared(Permalink())
    prepared.add(ready)
    converted = prepared.convert(meta.get_data(lift(text, {}))[0], Permalink())
    made = prepared.made(converted.html) if converted is not None else None
    assert made is not None and made.block_links == ready.block_links
