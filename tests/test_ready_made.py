"""What a worker made of a page's HTML is used for that very HTML only, and never held past the page's turn."""

from __future__ import annotations

from generator.incremental.ready import Made, Prepared


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
