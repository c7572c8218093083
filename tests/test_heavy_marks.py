"""Heavy blocks are found by ``str.find`` (:func:`generator.render.heavy.sub_marked`) exactly as the regular
expression that found them before would find them, for every arrangement of marks, line breaks and text."""

from __future__ import annotations

import itertools
import re

from generator.render.heavy import CLOSE, OPEN, settle, sub_marked

REGEX = re.compile(r"<!--ap:lift-->\n?(.*?)<!--/ap:lift-->\n?", re.DOTALL)


def test_marked_blocks_are_those_the_regular_expression_finds() -> None:
    tokens = (OPEN, CLOSE, "\n", "x")
    checked = 0
    for length in range(7):
        for parts in itertools.product(tokens, repeat=length):
            text = "".join(parts)
            assert sub_marked(text, lambda block: f"[{block}]") == REGEX.sub(lambda m: f"[{m.group(1)}]", text), text
            checked += 1
    assert checked == sum(4 ** n for n in range(7))


def test_a_settled_block_is_kept_out_of_the_search_index() -> None:
    page = f"<h1>P</h1>\n{OPEN}\n<table>rows</table>\n{CLOSE}\nafter {OPEN}open"
    assert settle(page) == f"<h1>P</h1>\n<div data-search-exclude>\n<table>rows</table>\n</div>\nafter {OPEN}open"
