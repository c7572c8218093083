"""Matrix, fit × sales chart, weekly bars and coverage grid: correct marks, safe text, both languages."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from generator.render.svg import (
    EN,
    ZH,
    FitPoint,
    core,
    coverage_grid,
    fit_revenue_chart,
    for_language,
    intimacy_support_matrix,
    weekly_bars,
)
from generator.render.svg.core import fit, text_width
from generator.render.svg.matrix import quadrant
from tests.svg.drawn import font_sizes, parse, styled
from tests.svg.sample import contact, org, portfolio

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "</text><script>alert(1)</script> & Co"


def texts(svg: str) -> str:
    """All text content of a well-formed SVG (parsing fails the test on an escaping slip)."""
    root = parse(svg)
    links = root.find(f".//{NS}a") is not None
    # an "img" may not hold links (axe: nested-interactive): a chart with links is a named group
    assert root.get("role") == ("group" if links else "img")
    assert root.find(f"{NS}title") is not None and root.find(f"{NS}desc") is not None
    assert not [e for e in root.iter() if e.tag.endswith("script")]
    assert min(font_sizes(root)) >= 11
    return "".join(root.itertext())


def test_matrix_places_each_current_person_in_their_cell_and_links_to_the_map() -> None:
    people = [
        contact("c-ally", name="Ally", intimacy=5, support=5, role="decision-maker"),
        contact("c-risk", name="Risky", intimacy=1, support=1),
        contact("c-gone", name="Gone", left=dt.date(2025, 1, 1)),
    ]
    svg = intimacy_support_matrix(people)
    text = texts(svg)
    assert "Ally" in text and "Risky" in text and "Gone" not in text
    assert 'href="#contact-c-ally"' in svg and "allies" in text and "risk" in text
    root = parse(svg)
    weight = {t.text: styled(root, t, "font-weight") for t in root.iter(f"{NS}text")}
    assert weight["Ally"] == "700" and weight["Risky"] is None  # decision makers stand out


def test_matrix_quadrants() -> None:
    assert quadrant(5, 5) == "allies" and quadrant(1, 1) == "risk"
    assert quadrant(1, 5) == "develop" and quadrant(5, 1) == "watch" and quadrant(3, 3) is None


def test_matrix_with_sixty_people_keeps_every_name_in_its_cell() -> None:
    people = org((1, 5, 14, 37), extra_roots=3)
    root = ET.fromstring(intimacy_support_matrix(people, ZH))
    shown = [g for g in root.iter(f"{NS}g") if g.get("class") == "ap-person"]
    assert len(shown) == sum(1 for c in people if c.active)
    assert "亲密度" in "".join(root.itertext())


def test_fit_chart_uses_a_log_scale_with_thousands_separators_and_marks_cash_cows() -> None:
    svg = fit_revenue_chart(portfolio(), unit="EUR")
    text = texts(svg)
    assert "1,000,000" in text and "Latest sales (EUR)" in text and "log scale" in svg
    assert "cash cow (diverging)" in text
    cows = {core.clean(p.name) for p in portfolio() if p.cash_cow}
    assert cows
    root = parse(svg)
    for group in root.iter(f"{NS}g"):
        if group.get("class") == "ap-account":
            name = (group.findtext(f"{NS}title") or "").split("\n")[0]
            triangle = any(styled(root, p, "stroke") == "#212121" for p in group.iter(f"{NS}path"))
            assert triangle == (name in cows), name
    assert "no sales" in text  # the account without sales still appears


def test_fit_chart_linear_scale_for_a_narrow_range_and_hostile_names() -> None:
    pts = [FitPoint(name=HOSTILE, fit=4, sales=1200.0, tier="S"), FitPoint(name="B & B", fit=2, sales=900.0, tier="C")]
    svg = fit_revenue_chart(pts)
    text = texts(svg)
    assert "linear scale" in svg and HOSTILE in text and "B & B" in text


def test_fit_chart_is_deterministic_and_order_independent() -> None:
    pts = portfolio()
    assert fit_revenue_chart(pts) == fit_revenue_chart(list(reversed(pts)))


def test_weekly_bars_show_the_expectation_line_and_every_value() -> None:
    weeks = [f"W{n}" for n in range(36, 48)]
    values = [3, 5, 6, 2, 0, 4, 7, 5, 5, 1, 3, 12]
    svg = weekly_bars(weeks, values, 5)
    text = texts(svg)
    root = parse(svg)
    assert "expected 5/week" in text and "6 4" in [styled(root, e, "stroke-dasharray") for e in root.iter(f"{NS}line")]
    assert len(re.findall('class="ap-week"', svg)) == 12
    assert "W36: 3 (below)" in svg and "W47: 12 (met)" in svg
    zh = texts(weekly_bars(weeks, values, 5, ZH))
    assert "要求每周5次" in zh


def test_weekly_bars_without_expectation_or_data() -> None:
    texts(weekly_bars([], [], None))
    assert "expected" not in weekly_bars(["a"], [2], None)


def test_coverage_grid_totals_and_gaps() -> None:
    counts = {("R&D <x>", "executive"): 2, ("R&D <x>", "staff"): 3, ("Sales", "staff"): 1}
    svg = coverage_grid(["R&D <x>", "Sales"], ["executive", "staff"], counts, secondary={("Sales", "staff"): 4})
    text = texts(svg)
    assert "R&D <x>" in text and "4 activities" in text and "0 = gap" in text
    # Row totals 5 and 1, column totals 2 and 4, grand total 6.
    totals = re.findall(r'class="ff5f5f5[^"]*"/><text[^>]*>(\d+)</text>', svg)  # the grey total cells
    assert totals == ["5", "1", "2", "4", "6"]
    assert "高层" in texts(coverage_grid(["研发"], ["executive"], {}, ZH))


def test_long_text_is_cut_with_an_ellipsis_and_kept_whole_in_a_tooltip() -> None:
    long = "网络规划与工程部副总经理兼首席架构师 and a very long English tail"
    shown, cut = fit(long, 120, 12)
    assert cut and shown.endswith("…") and text_width(shown, 12) <= 120
    assert fit("CTO", 120, 12) == ("CTO", False)
    svg = intimacy_support_matrix([contact("c-x", name=long)])
    assert f"<title>{long}</title>" in svg


def test_chinese_table_covers_every_english_key() -> None:
    assert set(ZH) == set(EN)
    assert for_language("zh-CN")["axis.support"] == "支持度" and for_language("fr")["axis.support"] == "Support"


def test_every_chart_is_byte_identical_across_runs() -> None:
    people = org()
    assert intimacy_support_matrix(people) == intimacy_support_matrix(list(reversed(people)))
    args = (["a", "b"], ["executive"], {("a", "executive"): 1})
    assert coverage_grid(*args) == coverage_grid(*args)


def test_fit_chart_shows_the_no_sales_strip_only_when_an_account_needs_it() -> None:
    spread = [FitPoint(name="Big", fit=4, sales=9e6, tier="S"), FitPoint(name="Small", fit=2, sales=5e3, tier="B")]
    assert "no sales" not in fit_revenue_chart(spread)
    assert "no sales" in fit_revenue_chart([*spread, FitPoint(name="New", fit=3, sales=0.0, tier="A")])


def test_links_with_script_schemes_are_dropped() -> None:
    for bad in ("javascript:alert(1)", "JaVaScRiPt:x", " java\tscript:x", "data:text/html,<b>", "vbscript:x"):
        svg = fit_revenue_chart([FitPoint(name="A", fit=3, sales=1.0, tier="S", href=bad)])
        assert "<a " not in svg, bad
    for good in ("../accounts/acme/", "#contact-x", "https://example.com/a?b=1&c=2"):
        svg = fit_revenue_chart([FitPoint(name="A", fit=3, sales=1.0, tier="S", href=good)])
        assert "<a " in svg and texts(svg)


def test_every_chart_accepts_empty_input() -> None:
    for svg in (
        intimacy_support_matrix([]),
        fit_revenue_chart([]),
        weekly_bars([], [], 5),
        coverage_grid([], [], {}),
    ):
        ET.fromstring(svg)


def test_bidi_controls_and_xml_invalid_characters_are_dropped() -> None:
    svg = intimacy_support_matrix([contact("c-x", name="Ann\u202eeL\x0b\ud800 Lee")])
    assert "Ann" in texts(svg) and "\u202e" not in svg and "\x0b" not in svg
