"""Chinese text takes full-width punctuation: no ``: `` ``, `` ``; `` or ``(`` right after a Chinese character.

Checked in the zh build's visible text, chart tooltips (``<title>``) and text alternatives
(``aria-label``, ``<desc>``): the labels are the project's, so a half-width mark after one is a
template or chart writing English punctuation. The dossiers' own text is shown as written.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sitebuild import REPO, Built

CJK = "\u3400-\u9fff\u3000-\u303f\uff00-\uffef"
HALF_WIDTH = re.compile(f"[{CJK}](?:: |, |; | ?\\()")
"""A Chinese character (or full-width mark) followed by a half-width colon, comma, semicolon or bracket."""
_CODE = re.compile(r"<(script|style|code|pre)\b.*?</\1>", re.S)
_TOOLTIP = re.compile(r"<title>(.*?)</title>|<desc>(.*?)</desc>|aria-label=\"([^\"]*)\"", re.S)


@pytest.fixture(scope="module")
def data() -> str:
    """The sample dossiers' text, where a half-width mark after Chinese is the writer's own."""
    return " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "accounts").rglob("*")) if p.is_file())


def half_width(page: str, data: str) -> list[str]:
    """Each place in a page's text, tooltips and text alternatives where Chinese meets half-width punctuation."""
    page = _CODE.sub(" ", page)
    texts = ["".join(m.groups(default="")) for m in _TOOLTIP.finditer(page)]
    texts.append(re.sub(r"<[^>]+>", "\u2063", _TOOLTIP.sub(" ", page)))  # no run crosses an element's edge
    found = []
    for text in map(html.unescape, texts):
        for m in HALF_WIDTH.finditer(text):
            around = text[max(0, m.start() - 8):m.end() + 8].replace("\u2063", "")
            if m.group(0) not in data or around.strip() not in data:
                found.append(around)
    return found


def test_half_width_marks_after_chinese_are_found() -> None:
    page = '<p>负责人: 张三</p><svg aria-label="客户, 联系人"><title>影响力（4）</title><desc>支持度 (4)</desc></svg>' \
           "<code>名称: x</code><p>负责人：张三</p>"
    found = half_width(page, "")
    assert len(found) == 3 and all(any(x in f for f in found) for x in ("负责人: 张三", "客户, 联系人", "支持度 (4)"))


def test_the_chinese_site_uses_full_width_punctuation(sample_zh: Built, data: str) -> None:
    found: dict[str, list[str]] = {}
    for path in sorted(Path(sample_zh.site).rglob("*.html")):
        places = half_width(path.read_text(encoding="utf-8"), data)
        if places:
            found[str(path.relative_to(sample_zh.site))] = places[:5]
    assert found == {}, "\n".join(f"{page}: {places}" for page, places in found.items())


def test_chart_tooltips_in_chinese_use_full_width_colons(sample_zh: Built) -> None:
    account = next(Path(sample_zh.site, "accounts").glob("*/index.html")).read_text(encoding="utf-8")
    tooltips = [html.unescape(t) for t in re.findall(r"<title>(.*?)</title>", account, re.S)]
    assert any("支持度：" in t for t in tooltips), tooltips[:5]  # the map's and the matrix's contact tooltips
