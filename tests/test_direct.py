"""Generated pages written as HTML directly give exactly what Markdown made of them (issue 18)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from markdown.extensions.toc import nest_toc_tokens

from generator.render.direct import Permalink, convert
from tests.generated_pages import ACCOUNTS, IDS, converted


def _markdown(body: str) -> tuple[str, list[dict[str, object]]]:
    """``body`` converted as the site's ``mkdocs.yml`` configures Markdown."""
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", "md_in_html"],
                           extension_configs={"toc": {"permalink": True}})
    html = md.convert(body)
    return html, md.toc_tokens  # type: ignore[attr-defined]


@pytest.mark.parametrize("accounts", ACCOUNTS, ids=IDS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_generated_page_converts_as_markdown_does(accounts: Path, lang: str) -> None:
    count = 0
    for src, body, direct in converted(accounts, lang):
        assert direct is not None, f"{src}: not of the generated shape"
        html, tokens = _markdown(body)
        assert direct.html == html, src
        assert nest_toc_tokens(direct.toc_tokens) == tokens, src
        count += 1
    assert count > 10


def test_a_page_of_another_shape_is_left_to_markdown() -> None:
    assert convert("Some *Markdown* paragraph\n\n## Title { #t }\n") is None
    assert convert("## One { #same }\n\n<p>x</p>\n\n## Two { #same }\n") is None
    assert convert("## Star * raw { #s }\n") is None


def test_headings_and_blocks_are_laid_out_as_markdown_lays_them_out() -> None:
    body = "<div>a\n\nb</div>\n\n## Title &#42; { #title }\n\n<p>c</p>\n\n\n<p>d</p>\n## Glued { #g }\n<p>e</p>\n"
    direct = convert(body, Permalink())
    assert direct is not None
    assert direct.html == _markdown(body)[0]
    assert direct.anchor_ids == {"title", "g"}
    assert convert(body, Permalink(None)) is not None
