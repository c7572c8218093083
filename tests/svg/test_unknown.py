"""A support or intimacy not known yet is drawn as "?", never as a neutral 3."""

from __future__ import annotations

from generator.render.svg import EN, ZH, intimacy_support_matrix, relationship_map
from tests.score.builders import contact


def test_map_and_matrix_show_unknown_as_a_question_mark() -> None:
    known = contact("c-known", name="Kim Known", intimacy=4, support=5)
    stranger = contact("c-new", name="Nia New", intimacy=None, support=None, role="decision-maker")
    drawn = relationship_map([known, stranger], {}, EN)
    assert "Support: ? unknown · Intimacy: ? unknown" in drawn         # the tooltip
    assert ">?</text>" in drawn                                         # the card's support bar and the legend
    assert "Support: 3" not in drawn and "neutral" not in drawn.split("Nia New", 1)[1].split("</title>", 1)[0]
    matrix = intimacy_support_matrix([known, stranger], EN)
    assert "? support or intimacy not known yet, not placed: Nia New" in matrix
    assert matrix.count("Kim Known") >= 1 and "Nia New</text>" not in matrix.split("? support")[0]
    assert "支持度或亲密度尚未知" in intimacy_support_matrix([stranger], ZH)
