"""A chart read as the browser draws it: each ``<use>`` holding its symbol's shapes, style classes resolved.

Charts write repeated presentation attributes as classes of their own ``<style>`` and repeated
shapes as ``<symbol>``/``<use>`` (``generator/render/svg/style.py``); tests ask what a reader sees
(the font size of a text, the stroke of a line), so they look through both with these helpers.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
_RULE = re.compile(r"\.ap-svg \.([\w-]+)\{([\w-]+):([^}]+)\}")
INHERITED = frozenset({"fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linecap",
                       "font-size", "font-weight", "font-style", "text-anchor", "font-family"})


def parse(svg: str) -> ET.Element:
    """Parse as XML (fails the test on any escaping slip); every ``<use>`` gets a copy of its symbol's shapes."""
    root = ET.fromstring(svg)
    symbols = {s.get("id"): s for s in root.iter(f"{NS}symbol")}
    for use in list(root.iter(f"{NS}use")):
        target = (use.get("href") or "").removeprefix("#")
        assert target in symbols, f"<use> of a missing symbol {target!r}"
        use.extend(copy.deepcopy(list(symbols[target])))
    return root


def rules(root: ET.Element) -> dict[str, tuple[str, str]]:
    """Style class → (property, value as an attribute would write it: ``px`` dropped)."""
    found: dict[str, tuple[str, str]] = {}
    for sheet in root.iter(f"{NS}style"):
        for cls, prop, value in _RULE.findall(sheet.text or ""):
            found[cls] = (prop, value.replace("px", ""))
    return found


def styled(root: ET.Element, element: ET.Element, prop: str) -> str | None:
    """The value of ``prop`` for ``element``: its attribute or style class, else (if it inherits) its parent's."""
    return _styled(rules(root), {child: parent for parent in root.iter() for child in parent}, element, prop)


def _styled(table: dict[str, tuple[str, str]], parents: dict[ET.Element, ET.Element], element: ET.Element,
            prop: str) -> str | None:
    node: ET.Element | None = element
    while node is not None:
        value = node.get(prop)
        for cls in (node.get("class") or "").split():
            if cls in table and table[cls][0] == prop:
                value = table[cls][1]
        if value is not None or prop not in INHERITED:
            return value
        node = parents.get(node)
    return None


def font_sizes(root: ET.Element) -> list[float]:
    """The font size of every text of the chart, as drawn."""
    table, parents = rules(root), {child: parent for parent in root.iter() for child in parent}
    return [float(_styled(table, parents, t, "font-size") or 0) for t in root.iter(f"{NS}text")]
