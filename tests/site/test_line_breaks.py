"""A line break in a single-line field (names, titles, …) is an error (AP108) at every such field of every file
type, and no printed value ever starts a Markdown block of its own in a generated page (render --out)."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from generator.load.portfolio import load_portfolio
from generator.model import Action, Opportunity
from generator.model.spec import SINGLE_LINE
from generator.neutralise import one_line
from generator.render.svg.core import esc
from tests.hostile_fixtures import accountplan
from tests.site import test_markdown_injection as injection

BREAK = "\n\n## Injected {marker} {{ #inj }}"
MESSAGE = "a line break in a single-line field"


class BreakFiller(injection.Filler):
    """Single-line fields get a value with a blank line and a heading; other text a plain marker."""

    def text(self, where: str, *, is_id: bool) -> str:
        marker = f"apnl{len(self.markers)}"
        self.markers[marker] = where
        return f"{marker}x" + BREAK.format(marker=marker) if where.rsplit(".", 1)[-1] in SINGLE_LINE else marker


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BreakFiller]:
    root = tmp_path_factory.mktemp("line-breaks")
    patch = pytest.MonkeyPatch()
    patch.setattr(injection, "Filler", BreakFiller)
    try:
        fill = typing.cast(BreakFiller, injection.write_payload_portfolio(root))
    finally:
        patch.undo()
    folder = root / "accounts" / "inject-co"
    for kind, cls, name in (("opportunities", Opportunity, "o-inject"), ("actions", Action, "a-inject")):
        data = fill.record(cls, cls.__name__, {"id": name})
        (folder / kind).mkdir()
        (folder / kind / f"{name}.md").write_text(injection._frontmatter(data), encoding="utf-8")
    return root, fill


def _single_line(fill: BreakFiller) -> dict[str, str]:
    return {m: where for m, where in fill.markers.items() if where.rsplit(".", 1)[-1] in SINGLE_LINE}


def test_every_single_line_field_reports_its_break(broken: tuple[Path, BreakFiller]) -> None:
    root, fill = broken
    expected = _single_line(fill)
    kinds = {where.split(".")[0].split("(")[0] for where in expected.values()}
    assert {"Account", "Contact", "Person", "Opportunity", "Action"} <= kinds
    for field in ("Account.name", "Contact.name", "Contact.title", "Person.name", "Opportunity.name", "Action.title"):
        assert field in expected.values(), field
    portfolio = load_portfolio(str(root / "accounts"))
    found = [d for d in portfolio.diagnostics if d.message == MESSAGE]
    assert all(d.code == "AP108" and d.severity.label == "error" and d.line > 0 and d.column > 0 for d in found)
    assert len(found) == len(expected), sorted(expected.values())


def test_no_value_starts_a_block_in_rendered_pages(broken: tuple[Path, BreakFiller]) -> None:
    root, _ = broken
    done = accountplan("render", "--out", str(root / "out"), "--profile", "restricted", cwd=root)
    assert "Traceback" not in done.stderr
    pages = list((root / "out").rglob("*.md"))
    assert pages
    for page in pages:
        for line in page.read_text(encoding="utf-8").splitlines():
            assert not re.match(r"\s*#+ Injected", line), (page, line)


@pytest.mark.parametrize("value", ["a\nb", "a\r\n\r\nb", "a\u2028b", "a\u2029b", "a\x85b", "a\x0cb", "a \n \n b"])
def test_printed_values_are_one_line(value: str) -> None:
    assert one_line(value) == "a b"
    assert "\n" not in esc(value) and "\r" not in esc(value)  # a chart keeps a tooltip's break as "&#10;"


def test_sample_loads_without_a_break(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "accounts"
    assert [d.one_line() for d in load_portfolio(str(sample)).diagnostics if d.message == MESSAGE] == []
