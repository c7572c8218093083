"""Golden files: a small map, matrix and bar chart, byte for byte.

A change to the drawing shows up here as a diff to review. After an intended change,
regenerate with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/svg/test_golden.py``
and look at the new files (``python -m tests.svg.shots`` renders them).
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
from collections.abc import Callable

import pytest

from generator.model.roster import Person
from generator.render.svg import ZH, intimacy_support_matrix, relationship_map, weekly_bars
from tests.svg.sample import contact

GOLDEN = pathlib.Path(__file__).parent / "golden"
OWNERS = {"p-li-na": Person(id="p-li-na", name="Li Na", title="Account manager")}
PEOPLE = [
    contact(
        "c-ceo",
        name="Zhang Wei",
        title="CEO",
        level="executive",
        role="decision-maker",
        influence=5,
        intimacy=2,
        support=3,
        owners=["p-li-na"],
    ),
    contact(
        "c-cto",
        name="Clara Vos",
        title="CTO",
        level="executive",
        role="economic-buyer",
        influence=4,
        intimacy=4,
        support=5,
        reports_to="c-ceo",
        coach=True,
        owners=["p-li-na", "p-gone"],
    ),
    contact(
        "c-cfo",
        name="李明",
        title="财务总监",
        level="executive",
        role="approver",
        influence=4,
        intimacy=1,
        support=1,
        reports_to="c-ceo",
        dotted_to=["c-cto"],
    ),
    contact("c-old", name="Ann Old", title="Architect", reports_to="c-cto", left=dt.date(2025, 6, 30)),
]
CASES: dict[str, Callable[[], str]] = {
    "map-en.svg": lambda: relationship_map(PEOPLE, OWNERS),
    "map-zh.svg": lambda: relationship_map(PEOPLE, OWNERS, ZH),
    "matrix-en.svg": lambda: intimacy_support_matrix(PEOPLE),
    "weekly-en.svg": lambda: weekly_bars(["11-02", "11-09", "11-16"], [4, 5, 7], 5),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden_file(name: str) -> None:
    actual = CASES[name]()
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
