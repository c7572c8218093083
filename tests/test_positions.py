"""Positions are stored compactly but read like the ``{loc: (line, column)}`` dict they replace."""

from __future__ import annotations

import pickle

from generator.load.files import load_document
from generator.model.activity import Activity
from generator.model.document import Document, Positions

ACTIVITY = """---
date: 2026-03-02
kind: meeting
summary: Workshop on the edge roadmap
contacts: [li-wei, zhang-min]
---
Notes.
"""


def _load(name: str, text: str) -> Document[Activity]:
    doc, problems = load_document(name, text.encode(), Activity)
    assert doc is not None, problems
    return doc


def test_reads_like_the_dict_it_replaces() -> None:
    plain = {(): (2, 1), ("date",): (2, 7), ("contacts",): (6, 11), ("contacts", 0): (6, 12),
             ("contacts", 1): (600000, 4096)}
    positions = Positions(plain)
    assert positions == plain and plain == positions
    assert list(positions) == list(plain) and len(positions) == 5
    assert positions[("contacts", 1)] == (600000, 4096)
    assert ("contacts", 0) in positions and ("contacts", 2) not in positions
    assert positions.get(("nope",)) is None and positions.get(("date",)) == (2, 7)


def test_files_of_one_shape_share_their_layout() -> None:
    first = _load("a.md", ACTIVITY)
    second = _load("b.md", ACTIVITY.replace("---\ndate", "---\n# moved down\ndate", 1))
    assert isinstance(first.positions, Positions)
    assert first.positions[("kind",)] == (3, 7) and second.positions[("kind",)] == (4, 7)
    assert first.positions._index is second.positions._index
    assert first.at(("contacts", 1)) == (5, 20) and first.at(("contacts", 1, "x")) == (5, 20)


def test_pickling_keeps_positions_and_shares_the_layout() -> None:
    doc = _load("a.md", ACTIVITY)
    copied = pickle.loads(pickle.dumps(doc))
    assert copied.positions == doc.positions and copied.positions._index is doc.positions._index
    assert copied.at(("summary",)) == (4, 10)


def test_a_document_given_a_dict_stores_positions() -> None:
    doc = Document("x.md", None, {("a",): (3, 4)})
    assert isinstance(doc.positions, Positions) and doc.at(("a", 0)) == (3, 4) and doc.at(("b",)) == (1, 1)
