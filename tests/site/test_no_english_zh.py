"""The Chinese site is Chinese: no English sentence outside code, names and the dossiers' own data.

Every HTML page of the zh build is read as text without its code, scripts, styles and charts;
a run of four or more English words is allowed only where the same words are in the dossiers
(names, titles, notes — data is shown as written).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sitebuild import REPO, Built

_SKIP = re.compile(r"<(script|style|svg|code|pre|kbd|head)\b.*?</\1>|<(\w+)\b[^>]*\blang=\"en\"[^>]*>.*?</\2>", re.S)
"""Code, scripts, styles, charts, and what is marked as English on purpose (the glossary's English terms)."""
_TAG = re.compile(r"<[^>]+>")
ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’-]+(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){3,}")
"""Four or more English words in a row."""


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[*_`>#|\[\]()]", " ", text).split())


@pytest.fixture(scope="module")
def data() -> str:
    """All text of the sample dossiers, as one normalized string."""
    files = sorted(p for p in (REPO / "accounts").rglob("*") if p.is_file())
    return _normal(" ".join(p.read_text(encoding="utf-8") for p in files))


def english_runs(page: str, data: str) -> list[str]:
    """English runs of words in a page's visible text that are not the dossiers' own words."""
    text = html.unescape(_TAG.sub("\n", _SKIP.sub("\n", page)))  # a run never crosses an element's edge
    found = []
    for match in ENGLISH.finditer(text):
        run = _normal(match.group(0)).strip(" ,;:")
        if run and run not in data:
            found.append(run)
    return found


def test_english_runs_are_found_and_data_is_allowed() -> None:
    corpus = _normal("Clara Vos is a champion since the September visit")
    page = "<p>Clara Vos is a champion since the September visit</p><p>Scores are not available here.</p>" \
           "<code>accountplan check --lang zh foo</code>"
    assert english_runs(page, corpus) == ["Scores are not available here"]


def test_the_chinese_site_has_no_english_sentence(sample_zh: Built, data: str) -> None:
    found: dict[str, list[str]] = {}
    for path in sorted(Path(sample_zh.site).rglob("*.html")):
        runs = english_runs(path.read_text(encoding="utf-8"), data)
        if runs:
            found[str(path.relative_to(sample_zh.site))] = runs[:5]
    assert found == {}, "\n".join(f"{page}: {runs}" for page, runs in found.items())
