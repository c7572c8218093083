"""A dossier body nested a thousand levels deep (a list, a quote) renders as its text, never a RecursionError:
Python-Markdown recurses once per level, and ``check`` passes such a body (it is valid Markdown)."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from generator.render.markup import to_html, too_deep
from tests.copied_project import REPO, copy_project, run_in

RICH = "# Plan\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n- one\n    - two\n\n> quoted **bold**\n"


@pytest.mark.parametrize("mark", ["- ", "> ", "1. "])
def test_a_body_nested_too_deep_is_shown_as_text(mark: str) -> None:
    before = to_html(RICH)
    deep = mark * 1500 + "<script>x</script>"
    shown = to_html(deep)
    assert to_html(RICH) == before  # the shared converter is whole again (its state was left half-way)
    assert shown.startswith("<p>" + html.escape(mark.strip())), shown[:80]  # its text, markers and all
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


def test_the_nesting_is_measured_by_markers_and_indentation() -> None:
    assert too_deep("- " * 101 + "x") == 1 and too_deep("- " * 100 + "x") is None
    assert too_deep("text\n" + "> " * 150) == 2
    assert too_deep(" " * 404 + "- x") == 1
    assert too_deep("- - -\n1. a\n    - b\n> quote\n") is None  # a rule, a list, a quote


def test_a_docs_page_nested_too_deep_stops_the_build_with_its_line(tmp_path: Path) -> None:
    """MkDocs' own conversion of a docs page ended the build in a RecursionError traceback."""
    project = copy_project(tmp_path)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copytree(REPO / "theme", project / "theme")
    (project / "docs" / "deep.md").write_text("# Deep\n\n" + "- " * 1000 + "x\n", encoding="utf-8")
    ran = run_in(project, "build", "--quiet", "--site-dir", str(tmp_path / "site"))
    assert ran.returncode == 1 and "Traceback" not in ran.stderr and "RecursionError" not in ran.stderr
    assert "deep.md:3: lists or quotes nested deeper than 100 levels, refused" in ran.stderr, ran.stderr


def test_tabs_count_as_markdown_reads_them_and_fenced_code_is_text() -> None:
    """A tab is four columns to Markdown: 300 tab-indented levels were counted as 75 and the build crashed. A log
    line of 120 '>' in a fenced block is text, not 120 quotes."""
    assert too_deep("\n".join("\t" * k + "- item" for k in range(300))) == 101
    assert too_deep("```text\n" + ">" * 120 + " prompt\n```\n") is None
    assert too_deep("~~~\n" + "- " * 200 + "\n~~~\n" + "- " * 101 + "x") == 4
