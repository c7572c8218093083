"""The relationship map: complete, readable at 60 people, safe with hostile names, stable."""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterable

import pytest

from generator.model.roster import Person
from generator.render.svg import ZH, map_layout, relationship_map
from generator.render.svg.card import initials
from generator.render.svg.layout import CARD_H, CARD_W, Segment
from generator.render.svg.relmap import forest
from tests.svg.drawn import font_sizes, styled
from tests.svg.drawn import parse as drawn
from tests.svg.sample import OWNERS, contact, org

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "</text><script>alert(1)</script> & Co \"q\" 'a' <b>"


def parse(svg: str) -> ET.Element:
    """Parse as XML (fails the test on any escaping slip), each ``<use>`` holding its symbol's shapes."""
    return drawn(svg)


def big() -> list:  # type: ignore[type-arg]
    return org((1, 5, 14, 37), extra_roots=3)


def test_every_contact_has_its_anchor_and_a_tooltip() -> None:
    people = big()
    root = parse(relationship_map(people, OWNERS))
    groups = {g.get("id"): g for g in root.iter(f"{NS}g") if (g.get("id") or "").startswith("contact-")}
    assert set(groups) == {f"contact-{c.id}" for c in people}
    for c in people:
        tip = groups[f"contact-{c.id}"].find(f"{NS}title")
        assert tip is not None and tip.text is not None and c.name in tip.text


def test_root_is_an_accessible_scalable_image() -> None:
    root = parse(relationship_map(org(), OWNERS))
    assert root.get("role") == "img" and root.get("aria-label") == "Relationship map"
    assert root.find(f"{NS}title") is not None and root.find(f"{NS}desc") is not None
    w, h = float(root.get("width", "0")), float(root.get("height", "0"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}" and w <= 1200 and h > 0
    assert "Noto Sans CJK SC" in root.get("font-family", "")


SHAPES = [((1, 5, 14, 37), 3), ((1, 4, 8, 12), 0), ((2, 3, 30, 0), 5), ((1, 12, 12, 30), 0), ((0, 0, 0, 40), 0)]


@pytest.mark.parametrize("width", [900, 1200, 1400])
@pytest.mark.parametrize(("counts", "extra"), SHAPES)
def test_cards_never_overlap_and_stay_within_the_width(counts: tuple[int, ...], extra: int, width: int) -> None:
    people = org(counts, extra_roots=extra)
    geo = map_layout(people, max_width=width)
    assert len(geo.cards) == len(people)
    rects = [(x, y, x + CARD_W, y + CARD_H) for x, y in geo.cards.values()]
    for a, b in itertools.combinations(rects, 2):
        apart = a[2] + 4 <= b[0] or b[2] + 4 <= a[0] or a[3] + 4 <= b[1] or b[3] + 4 <= a[1]
        assert apart, (a, b)
    assert max(r[2] for r in rects) <= width - 32
    assert geo.width <= width - 32
    assert_lines_clear_cards(geo.segs, geo.cards.values())


def test_sixty_contacts_fit_twelve_hundred_pixels() -> None:
    geo = map_layout(big(), max_width=1200)
    assert len(geo.cards) == 60 and geo.width <= 1168


def assert_lines_clear_cards(segs: Iterable[Segment], cards: Iterable[tuple[float, float]]) -> None:
    """Reporting lines are orthogonal and never run through a card's inside."""
    boxes = list(cards)
    for x1, y1, x2, y2 in segs:
        assert x1 == x2 or y1 == y2  # orthogonal connectors only
        lo_x, hi_x, lo_y, hi_y = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
        for cx, cy in boxes:
            inside = lo_x < cx + CARD_W - 0.5 and hi_x > cx + 0.5 and lo_y < cy + CARD_H - 0.5 and hi_y > cy + 0.5
            assert not inside, ((x1, y1, x2, y2), (cx, cy))


def test_a_manager_with_many_reports_stacks_them_in_columns() -> None:
    people = [contact("boss", level="executive")] + [contact(f"r{i:02d}", reports_to="boss") for i in range(18)]
    geo = map_layout(people, max_width=1200)
    xs = {round(geo.cards[f"r{i:02d}"][0]) for i in range(18)}
    assert 2 <= len(xs) <= 5  # a few columns, not one row of 18 nor one column of 18
    assert geo.width <= 1200 - 32


def test_hostile_names_come_out_inert_and_well_formed() -> None:
    people = [
        contact("c-a", name=HOSTILE, title="CTO & <i>boss</i>", department="R&D", owners=["p-x"]),
        contact("c-b", name="Ann\x00\x07 Lee\nNewline", reports_to="c-a", dotted_to=["c-a"]),
    ]
    owners = {"p-x": Person(id="p-x", name="<script>x</script> & Y", title='"AM"')}
    svg = relationship_map(people, owners, {"legend.coach": "<coach> & co", "map.title": "Map & <x>"})
    root = parse(svg)
    assert not [e for e in root.iter() if e.tag.endswith("script") or e.tag.endswith("i")]
    text = "".join(root.itertext())
    assert "</text><script>alert(1)</script> & Co" in text  # shown literally, as text
    assert "<coach> & co" in text and "\x00" not in svg


def test_same_input_gives_byte_identical_output_whatever_the_order() -> None:
    people = big()
    first = relationship_map(people, OWNERS)
    assert relationship_map(list(reversed(people)), OWNERS) == first
    assert relationship_map(people, dict(reversed(OWNERS.items()))) == first


def test_legend_explains_every_mark_in_the_chosen_language() -> None:
    en = relationship_map(org(), OWNERS)
    zh = relationship_map(org(), OWNERS, ZH)
    for word in ("champion", "opponent", "coach", "left (kept for history)", "dotted line", "decision-maker"):
        assert word in en
    for word in ("客户关系图", "坚定支持", "反对", "教练", "已离职", "虚线汇报", "决策者"):
        assert word in zh
    assert 'class="ap-legend"' in zh


def test_people_who_left_stay_faded_with_a_dashed_border() -> None:
    people = [contact("a"), contact("b", reports_to="a", left=dt.date(2025, 1, 31))]
    root = parse(relationship_map(people, {}))
    card = next(g for g in root.iter(f"{NS}g") if g.get("id") == "contact-b")
    faded = [g for g in card.iter(f"{NS}g") if g.get("opacity")]
    assert faded and any(styled(root, r, "stroke-dasharray") for r in faded[0].iter(f"{NS}rect"))
    other = next(g for g in root.iter(f"{NS}g") if g.get("id") == "contact-a")
    assert not [g for g in other.iter(f"{NS}g") if g.get("opacity")]
    assert "2025-01-31" in (card.find(f"{NS}title").text or "")  # type: ignore[union-attr]


def test_roots_are_people_without_a_known_present_manager() -> None:
    people = [
        contact("ceo"),
        contact("gone", reports_to="ceo", left=dt.date(2025, 1, 1)),
        contact("orphan", reports_to="gone"),
        contact("stranger", reports_to="nobody"),
        contact("self", reports_to="self"),
        contact("cto", reports_to="ceo"),
    ]
    roots, children = forest(people)
    assert set(roots) == {"ceo", "orphan", "stranger", "self"}
    assert children["ceo"] == ["cto", "gone"]  # present people before those who left


def test_reporting_cycles_are_broken_not_followed_forever() -> None:
    people = [contact("a", reports_to="c"), contact("b", reports_to="a"), contact("c", reports_to="b")]
    roots, _ = forest(people)
    assert roots == ["a"]
    assert len(parse(relationship_map(people, {})).findall(f".//{NS}g[@class='ap-contact']")) == 3


def test_a_very_deep_chain_does_not_hit_the_recursion_limit() -> None:
    people = [contact("c0000")] + [contact(f"c{i:04d}", reports_to=f"c{i - 1:04d}") for i in range(1, 1500)]
    geo = map_layout(people)
    assert len(geo.cards) == 1500


@pytest.mark.parametrize(("name", "expected"), [("Li Na", "LN"), ("王芳", "王芳"), ("Madonna", "MA"), ("", "?")])
def test_owner_chips_show_initials(name: str, expected: str) -> None:
    person = Person(id="p-x", name=name, title="AM") if name else None
    assert initials(person, "p-" if not name else "p-x") == expected


def test_unknown_owner_still_gets_a_chip_from_the_id() -> None:
    assert initials(None, "p-li-na") == "LN"


def test_all_text_is_at_least_eleven_pixels() -> None:
    root = parse(relationship_map(big(), OWNERS, ZH))
    sizes = font_sizes(root)
    assert sizes and min(sizes) >= 11


def test_cards_can_link_elsewhere_and_take_another_id_prefix() -> None:
    people = [contact("c-a"), contact("c-b", reports_to="c-a")]
    svg = relationship_map(people, {}, href_for={"c-a": "#row-c-a"}, id_prefix="map-")
    root = parse(svg)
    ids = {g.get("id") for g in root.iter(f"{NS}g") if g.get("class") == "ap-contact"}
    assert ids == {"map-c-a", "map-c-b"}
    assert 'href="#row-c-a"' in svg and svg.count("<a ") == 1


def test_an_account_without_contacts_still_gets_a_valid_map_with_its_legend() -> None:
    root = parse(relationship_map([], {}))
    assert root.find(f".//{NS}g[@class='ap-legend']") is not None
    assert not root.findall(f".//{NS}g[@class='ap-contact']")
