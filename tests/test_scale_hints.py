"""A wrong value on a named 1–5 scale is answered with the levels to choose from."""

from __future__ import annotations

from generator.load.files import load_document
from generator.model import Contact

CONTACT = """---
id: c-x
name: X
title: CTO
department: IT
level: executive
role: decision-maker
influence: 3
intimacy: 7
support: maybe
review_by: 2027-01-01
---
"""


def test_scale_errors_list_the_named_levels() -> None:
    doc, found = load_document("c-x.md", CONTACT.encode(), Contact)
    assert doc is None
    assert [(d.line, d.code, d.hint) for d in found] == [
        (9, "AP104", "write one of 1 (stranger), 2 (acquainted), 3 (familiar), 4 (trusted), 5 (close ally), "
                     "or unknown while you do not know yet"),
        (10, "AP102", "write one of 1 (opponent), 2 (non-supporter), 3 (neutral), 4 (supporter), 5 (champion), "
                      "or unknown while you do not know yet"),
    ]
