"""Who knows whom and competitors on the map and matrix: our people beside their contacts, a ⚔ for a favoured rival."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.model.contact import Knows
from generator.render.svg import ZH, intimacy_support_matrix, relationship_map
from tests.svg.drawn import parse
from tests.svg.sample import OWNERS, contact

NS = "{http://www.w3.org/2000/svg}"


def _card(svg: str, cid: str) -> ET.Element:
    root = parse(svg)  # the owner chips are <use> of symbols: read with their text
    return next(g for g in root.iter(f"{NS}g") if g.get("id") == f"contact-{cid}")


def test_card_shows_everyone_who_knows_the_contact_and_the_rival_they_favour() -> None:
    cfo = contact("c-cfo", name="Finn Money", owners=["p-li-na"], favours="Norvik",
                  knows=[Knows(person="p-li-na", strength=2), Knows(person="p-tom-berg", strength=4)])
    plain = contact("c-it", owners=["p-li-na"])
    svg = relationship_map([cfo, plain], OWNERS)
    card = _card(svg, "c-cfo")
    texts = ["".join(t.itertext()) for t in card.iter(f"{NS}text")]
    assert "LN" in texts and "TB" in texts  # the owner, then the second person from `knows`
    assert "⚔ Norvik" in texts
    tip = card.find(f"{NS}title")
    assert tip is not None and tip.text is not None
    assert "Who knows them: Li Na 2, Tom Berg 4" in tip.text and "⚔ Favours competitor: Norvik" in tip.text
    assert "⚔" not in "".join(_card(svg, "c-it").itertext())
    assert "倾向的友商：Norvik" in relationship_map([cfo], OWNERS, ZH)


def test_matrix_marks_a_contact_who_favours_a_competitor() -> None:
    svg = intimacy_support_matrix([contact("c-cfo", name="Finn Money", favours="Norvik"), contact("c-it", name="Ida")])
    assert "Finn Money ⚔" in svg and "Favours competitor: Norvik" in svg and "Ida ⚔" not in svg
