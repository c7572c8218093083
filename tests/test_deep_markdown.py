"""A dossier body nested a thousand levels deep (a list, a quote) renders as its text, never a RecursionError:
Python-Markdown recurses once per level, and ``check`` passes such a body (it is valid Markdown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.markup import to_html
from tests.copied_project import copy_project, run_in

RICH = "# Plan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n- one\n    - two\n\n> quoted **bold**\n"


@pytest.mark.parametrize("mark", ["- ", "> ", "1. "])
def test_a_body_nested_too_deep_is_shown_as_text(mark: str) -> None:
    before = to_html(RICH)
    deep = mark * 1500 + "<script>x</script>"
    shown = to_html(deep)
    assert to_html(RICH) == before  # the shared converter is whole again (its state was left half-way)
    assert shown.startswith("<p>" + mark.strip()) or shown.startswith("<blockquote>"), shown[:80]
    assert "<script>" not in shown
    assert to_html("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"  # the converter still works after it


def test_render_and_check_go_through_a_deep_body(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    contact = next((project / "accounts" / "atlas-freight" / "contacts").glob("*.md"))
    with contact.open("a", encoding="utf-8") as body:
        body.write("\n" + "- " * 1000 + "deep\n")
    assert run_in(project, "check").returncode == 0
    ran = run_in(project, "render", "--out", str(tmp_path / "out"))
    assert ran.returncode == 0 and "Traceback" not in ran.stderr, ran.stderr
    assert "- - - - deep" in (tmp_path / "out" / "accounts" / "atlas-freight" / "index.md").read_text(encoding="utf-8")
