"""The scoring guide's worked examples are the golden cases: each figure the page shows is checked here."""

from __future__ import annotations

import pytest

from generator.render.guide import guide_view
from generator.render.i18n import Translator
from generator.score.guide import EXAMPLES, Example, example_figures


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.key)
def test_every_example_computes_what_it_promises(example: Example) -> None:
    found = {f.key: f.value for f in example_figures(example)}
    assert found == example.expected


def test_examples_cover_every_dimension_and_market_type() -> None:
    markets = {line.split(": ")[1] for e in EXAMPLES for line in e.dossier.splitlines() if line.startswith("market:")}
    assert markets == {"saline-alkali", "breakthrough", "mature"}
    keys = {key for e in EXAMPLES for key in e.expected}
    assert {"kpi.score", "actions.score", "classification"} <= keys
    assert {k.split(".")[1] for k in keys if k.startswith(("actions.", "groups."))} >= {"info", "plans", "satisfaction"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_shows_the_same_numbers_in_both_languages(lang: str) -> None:
    view = guide_view(Translator(lang))
    mature = next(e for e in view if e["key"] == "mature")
    rows = {row["key"]: row for row in mature["sections"][0]["rows"]}
    assert rows["kpi.score"]["worked"] == "(0.5 × 50 + 0.5 × 80 + 0.5 × 80) / 1.5"
    assert rows["kpi.score"]["value"] == "70"
    assert ("成熟市场" in mature["title"]) == (lang == "zh")
