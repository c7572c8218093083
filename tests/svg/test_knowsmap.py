"""Who knows whom as its own view: our people beside their contacts, line weight = strength, unknown dashed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator.model.contact import Knows
from generator.model.roster import Person
from generator.render.svg import ZH, knows_map
from generator.render.svg.knowsmap import WIDTH, Tie, ties, width_of
from tests.svg.drawn import parse, styled
from tests.svg.sample import OWNERS, contact

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "</text><script>alert(1)</script> & Co"


def _contacts() -> list:  # type: ignore[type-arg]
    return [
        contact("c-ceo", name="Ceo", role="decision-maker", owners=["p-li-na"],
                knows=[Knows(person="p-li-na", strength=5)]),
        contact("c-cfo", name="Cfo", role="economic-buyer", owners=["p-li-na"],
                knows=[Knows(person="p-tom-berg", strength=2)]),
        contact("c-ops", name="Ops", owners=["p-tom-berg"]),
        contact("c-new", name="Newcomer"),
        contact("c-gone", name="Gone", owners=["p-li-na"], left=dt.date(2026, 1, 1)),
    ]


def _lines(svg: str) -> list[tuple[ET.Element, dict[str, str | None]]]:
    """Each line and its stroke width and dashes as drawn."""
    root = parse(svg)
    group = next(g for g in root.iter(f"{NS}g") if (g.get("class") or "").startswith("ap-ties"))
    return [(p, {k: styled(root, p, k) for k in ("stroke-width", "stroke-dasharray")})
            for p in group.iter(f"{NS}path")]


def test_each_relationship_is_one_line_weighted_by_strength_and_an_unassessed_owner_is_dashed() -> None:
    assert ties(_contacts()) == [
        Tie("p-li-na", "c-ceo", 5), Tie("p-li-na", "c-cfo", None), Tie("p-tom-berg", "c-cfo", 2),
        Tie("p-tom-berg", "c-ops", None)]  # who left is no longer drawn; the newcomer has no line
    lines = _lines(knows_map(_contacts(), OWNERS))
    by_tip = {(line.findtext(f"{NS}title") or ""): drawn for line, drawn in lines}
    assert set(by_tip) == {"Li Na — Ceo: close", "Li Na — Cfo: unknown", "Tom Berg — Cfo: acquainted",
                           "Tom Berg — Ops: unknown"}
    assert by_tip["Li Na — Ceo: close"] == {"stroke-width": "6", "stroke-dasharray": None}
    assert by_tip["Tom Berg — Cfo: acquainted"]["stroke-width"] == "2.4"
    assert by_tip["Li Na — Cfo: unknown"]["stroke-dasharray"] == "4 3"
    assert width_of(1) < width_of(3) < width_of(5)


def test_both_columns_are_named_and_a_contact_nobody_knows_is_listed_without_a_line() -> None:
    root = ET.fromstring(knows_map(_contacts(), OWNERS))
    texts = ["".join(t.itertext()) for t in root.iter(f"{NS}text")]
    assert {"Our people", "Their contacts", "Li Na", "Tom Berg", "Ceo", "Newcomer"} <= set(texts)
    assert "Gone" not in texts
    assert "1 contacts known to none of us" in (root.findtext(f"{NS}desc") or "")
    assert root.get("role") == "img" and float(root.get("width") or 0) == WIDTH  # no links: one image


def test_chinese_labels_and_hostile_names_are_escaped() -> None:
    people = {**OWNERS, "p-x": Person(id="p-x", name=HOSTILE, title=HOSTILE)}
    hostile = contact("c-x", name=HOSTILE, title=HOSTILE, knows=[Knows(person="p-x", strength=3)])
    svg = knows_map([hostile, *_contacts()], people, ZH)
    root = ET.fromstring(svg)  # any escaping slip fails to parse
    assert "<script>" not in svg
    texts = ["".join(t.itertext()) for t in root.iter(f"{NS}text")]
    assert {"我方人员", "客户联系人", "5 深交", "未知"} <= set(texts)
    assert root.findtext(f"{NS}title") == "谁认识谁"


def test_two_builds_draw_the_same_bytes_whatever_the_input_order() -> None:
    assert knows_map(_contacts(), OWNERS) == knows_map(list(reversed(_contacts())), OWNERS)
