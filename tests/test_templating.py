"""The page templates' Jinja environment reads the views' dictionaries as Jinja does, only faster (issue 18)."""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from generator.neutralise import one_line
from generator.render.templating import environment

TEMPLATE = "{{ d.name }}|{{ d.items is defined }}|{{ d.get('name') }}|{{ o.real }}|{{ u.name }}"


def test_a_dictionary_key_reads_as_plain_jinja_reads_it() -> None:
    values = {"d": {"name": "n", "items": 3}, "o": 2, "u": type("U", (dict,), {"name": "attr"})(name="key")}
    plain = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    assert environment().from_string(TEMPLATE).render(**values) == plain.from_string(TEMPLATE).render(**values)
    assert environment().from_string(TEMPLATE).render(**values) == "n|True|n|2|attr"


def test_a_missing_key_is_still_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'gone'"):
        environment().from_string("{{ d.gone }}").render(d={})


@pytest.mark.parametrize("value", ["a\n  b", "a \u2028b", "a\r\nb", "plain", " spaced  out ", "x\x85y"])
def test_printed_values_stay_on_one_line(value: str) -> None:
    printed = one_line(value)
    assert isinstance(printed, str) and not any(c in printed for c in "\n\r\x85\u2028")
    assert printed == (value if printed is value else " ".join(part.strip() for part in value.splitlines()))
    assert one_line(Markup("a\nb")) == Markup("a\nb")
