"""Every code block of the hand-written docs renders as a code block (en and zh).

Python-Markdown reads a fence only at the left margin and a list item's content only when indented by four spaces:
fenced commands inside a numbered step rendered as one run-on line of text (``docs/privacy.md``'s purge, found in a
screenshot), and nested bullets indented by three became further numbered steps."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "fenced_code"]  # mkdocs.yml's, with MkDocs' own


def _blocks(text: str) -> list[str]:
    """The first line of each fenced block."""
    return [m.group(1).strip() for m in re.finditer(r"^ *```[^\n]*\n([^\n]*)\n", text, re.M) if m.group(1).strip()]


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_each_fenced_block_renders_as_code(page: Path) -> None:
    text = page.read_text("utf-8")
    rendered = markdown.markdown(text, extensions=EXTENSIONS)
    code = html.unescape("\n".join(re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", rendered, re.S)))
    for first in _blocks(text):
        assert first in code, f"{page.name}: {first!r} is not in a code block"
    assert "```" not in rendered


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_no_bullet_is_indented_by_three_under_a_numbered_step(page: Path) -> None:
    text = page.read_text("utf-8")
    assert not re.search(r"^\d+\. .*\n(?:(?:   \S.*)?\n)*   - ", text, re.M), page.name


def _outdented(text: str) -> list[str]:
    """Lines that open a paragraph, table or list inside a numbered step, after a blank line, indented by 1-3 spaces:
    Python-Markdown ends the step there, so the text falls out of it and the next step starts a new list."""
    found, in_step, fence, blank = [], False, False, False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fence = not fence
        if fence:
            blank = False
            continue
        if re.match(r"\d+\. ", line):
            in_step = True
        elif line and not line[0].isspace():
            in_step = False
        if in_step and blank and re.match(r" {1,3}\S", line):
            found.append(line)
        blank = not line.strip()
    return found


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_no_paragraph_of_a_numbered_step_is_indented_by_less_than_four(page: Path) -> None:
    assert _outdented(page.read_text("utf-8")) == [], page.name


def test_the_check_finds_a_paragraph_that_falls_out_of_its_step() -> None:
    text = "1. Step one.\n\n   More of step one.\n\n2. Step two.\n"
    assert _outdented(text) == ["   More of step one."]
    rendered = markdown.markdown(text, extensions=EXTENSIONS)
    assert rendered.count("<ol>") == 2  # what it does to the page: the list is cut in two
    assert markdown.markdown(text.replace("   More", "    More"), extensions=EXTENSIONS).count("<ol>") == 1


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_no_list_is_swallowed_by_the_paragraph_before_it(page: Path) -> None:
    # A list needs a blank line after a paragraph ("**Not met, and why:**" then "- P1 ..."): without one, its items
    # render as one run-on paragraph with the dashes and numbers in the text.
    rendered = markdown.markdown(page.read_text("utf-8"), extensions=EXTENSIONS)
    swallowed = [p[:80] for p in re.findall(r"<p>((?:(?!</p>).)*)</p>", rendered, re.S)
                 if re.search(r"\n(?:- |\* |\d+\. )", p)]
    assert swallowed == [], page.name
