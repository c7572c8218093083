"""SVG primitives shared by every chart: escaping, text measuring, palettes, the root element.

Everything here returns strings; charts assemble a list of them and join once. Numbers
are formatted by :func:`num` so that two runs on the same input are byte-identical.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from ...neutralise import safe_url
from . import style

FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', system-ui, sans-serif"
"""CJK-capable system fonts first: the site loads no web fonts, so Chinese must come from the OS."""
FONT_SIZE = 12
"""The root's font size: text of this size (most of it) inherits it and carries no ``font-size`` of its own."""

INK = "#212121"
MUTED = "#4f5b62"
GRID = "#cfd8dc"
PAPER = "#ffffff"

SUPPORT_COLOURS: dict[int, str] = {
    0: "#ffffff",  # unknown: no colour, a "?" says it
    1: "#c4420c",  # opponent: Okabe-Ito vermillion, darkened for white text
    2: "#f2a77a",  # non-supporter: light vermillion
    3: "#bdbdbd",  # neutral: grey
    4: "#86cfb5",  # supporter: light bluish green
    5: "#007a5a",  # champion: Okabe-Ito bluish green, darkened for white text
}
"""Vermillion to bluish green (Okabe-Ito hues): distinguishable with red-green colour blindness,
and lightness also runs dark-light-grey-light-dark, so the ends never look alike."""

SUPPORT_SYMBOLS: dict[int, str] = {0: "?", 1: "−−", 2: "−", 3: "○", 4: "+", 5: "++"}
"""Support also as text, so the map does not rely on colour alone; 0 stands for unknown."""


def level(value: int | None) -> int:
    """A 1–5 scale value as the maps index it: 0 for unknown (``?``)."""
    return 0 if value is None else min(5, max(1, value))


def shown(value: int | None) -> str:
    """A scale value as text: the digit, or ``?`` when unknown."""
    return "?" if value is None else str(value)

TIER_COLOURS: dict[str, str] = {"S": "#0072b2", "A": "#d55e00", "B": "#009e73", "C": "#757575"}

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"\s+")
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def esc(value: object) -> str:
    """XML-escape text for element content and attribute values alike.

    Characters XML 1.0 cannot carry at all (NUL, most C0 controls, lone surrogates) are
    dropped: escaping cannot save them, and one would make the whole page unparsable.
    Bidi embedding and override controls go too (the validator flags them in dossiers):
    in a chart they could make one name display as another. A line break is written ``&#10;``:
    the chart stands in a Markdown page, where a blank line would end it and start a block.
    """
    text = _INVALID_XML.sub("", str(value))
    escaped = (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )
    return _BREAK.sub("&#10;", escaped)


def link_open(url: str | None) -> str:
    """``<a href=...>`` for a link that ``neutralise.safe_url`` allows, or nothing; close with :func:`link_close`."""
    safe = safe_url(url)
    return f'<a href="{esc(safe)}">' if safe else ""


def link_close(url: str | None) -> str:
    """The ``</a>`` matching :func:`link_open`."""
    return "</a>" if safe_url(url) else ""


def clean(value: object) -> str:
    """One line of display text: whitespace runs (newlines, tabs) collapse to one space."""
    return _SPACE.sub(" ", str(value)).strip()


_NUMS: dict[float, str] = {}
"""Coordinates written before: charts repeat a few thousand values (grid lines, rows, columns) many times."""


def num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zero: stable, short output."""
    found = _NUMS.get(value)
    if found is None:
        rounded = round(float(value), 1)
        # the common case is an integer, and -0.0 becomes "0"
        found = str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}"
        if len(_NUMS) > 65536:  # a bound: values are mostly few, but nothing promises it
            _NUMS.clear()
        _NUMS[value] = found
    return found


@lru_cache(maxsize=4096)  # each character worked out once: names use a few hundred; bounded for any input
def char_em(char: str) -> float:
    """Estimated advance of one character in em: CJK and full-width ~1, Latin ~0.55."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char in " .,:;'!|il":
        return 0.32
    if char.isupper() or char in "mwMW@%&#":
        return 0.7
    return 0.56


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width in px; deliberately generous so text never overflows its box."""
    factor = 1.06 if bold else 1.0
    return sum(map(char_em, text)) * size * factor


def fit(text: str, max_width: float, size: float, *, bold: bool = False) -> tuple[str, bool]:
    """Shorten ``text`` with an ellipsis until it fits ``max_width``; says whether it was cut."""
    text = clean(text)
    if text_width(text, size, bold=bold) <= max_width:
        return text, False
    budget = max_width - text_width("…", size, bold=bold)
    per_em = size * (1.06 if bold else 1.0)
    used = 0.0
    cut = 0
    while cut < len(text) and used + char_em(text[cut]) * per_em <= budget:
        used += char_em(text[cut]) * per_em
        cut += 1
    return text[:cut].rstrip() + "…", True


_NAMES: dict[str, str] = {}
"""Keyword → attribute name (``stroke_width`` → ``stroke-width``), worked out once per keyword."""


def attrs(**values: object) -> str:
    """Render keyword attributes; ``None`` drops one, ``_`` in a name becomes ``-``.

    Presentation attributes with a style class (:mod:`.style`) become that class, merged with
    any ``class_`` given: ``fill="#c4420c" stroke-width="0.6"`` is written ``class="fc4420c w0p6"``.
    """
    parts: list[str] = []
    classes: list[str] = []
    for key, value in values.items():
        if value is None:
            continue
        name = _NAMES.get(key) or _NAMES.setdefault(key, key.rstrip("_").replace("_", "-"))
        shown = num(value) if isinstance(value, float) else str(value)
        if name in style.STYLED:
            cls = style.token(name, shown)  # only plain values (digits, hex, keywords) have a class
            if cls:
                classes.append(cls)
                continue
        shown = shown if isinstance(value, float) else esc(shown)
        if name == "class":
            classes.insert(0, shown)
        else:
            parts.append(f' {name}="{shown}"')
    if classes:
        parts.append(f' class="{" ".join(classes)}"')
    return "".join(parts)


_STYLED: dict[tuple[object, ...], str] = {}


def styled(**extra: object) -> str:
    """:func:`attrs` of style keywords, remembered: a chart passes the same few combinations thousands of times."""
    key = (style.is_plain(), *extra.items())
    found = _STYLED.get(key)
    if found is None:
        if len(_STYLED) > 4096:  # a bound, should a caller ever pass ever-new values
            _STYLED.clear()
        found = _STYLED[key] = attrs(**extra)
    return found


def _at(name: str, value: float) -> str:
    """`` name="value"`` for a coordinate, nothing for 0 (the default)."""
    return f' {name}="{num(value)}"' if value else ""


def _size(size: float) -> float | None:
    """A text's ``font-size`` attribute: none for the root's :data:`FONT_SIZE`."""
    return None if size == FONT_SIZE else float(size)


def text_el(x: float, y: float, content: str, *, size: float = 12, **extra: object) -> str:
    """A ``<text>`` element with escaped content; the root's font size and ink are not repeated."""
    if extra.get("fill") == INK:
        extra = {**extra, "fill": None}
    return f'<text x="{num(x)}" y="{num(y)}"{styled(font_size=_size(size), **extra)}>{esc(content)}</text>'


def fitted_text(
    x: float, y: float, content: str, max_width: float, *, size: float = 12, bold: bool = False, **extra: object
) -> str:
    """Text cut to ``max_width``; when cut, the full text becomes its tooltip."""
    shown, cut = fit(content, max_width, size, bold=bold)
    weight = "700" if bold else None
    if not cut:
        return text_el(x, y, shown, size=size, font_weight=weight, **extra)
    if extra.get("fill") == INK:
        extra = {**extra, "fill": None}
    return (
        f'<text x="{num(x)}" y="{num(y)}"{styled(font_size=_size(size), font_weight=weight, **extra)}>'
        f"{title_el(clean(content))}{esc(shown)}</text>"
    )


def rect(x: float, y: float, w: float, h: float, **extra: object) -> str:
    """A ``<rect>``; a coordinate of 0 (the default) is left out."""
    return f'<rect{_at("x", x)}{_at("y", y)} width="{num(w)}" height="{num(h)}"{styled(**extra)}/>'


def line(x1: float, y1: float, x2: float, y2: float, **extra: object) -> str:
    """A ``<line>``."""
    return f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}"{styled(**extra)}/>'


def path(d: str, **extra: object) -> str:
    """A ``<path>`` with outline ``d``."""
    return f'<path d="{d}"{styled(**extra)}/>'


def circle(cx: float, cy: float, r: float, **extra: object) -> str:
    """A ``<circle>``; a centre coordinate of 0 (the default) is left out."""
    return f'<circle{_at("cx", cx)}{_at("cy", cy)} r="{num(r)}"{styled(**extra)}/>'


def title_el(text: str) -> str:
    """A ``<title>`` tooltip; line breaks are kept (browsers show them in the tooltip). Nothing for empty text: an
    empty title names nothing, and a screen reader would announce a blank."""
    return f"<title>{esc(text)}</title>" if text.strip() else ""


def document(kind: str, width: float, height: float, title: str, desc: str, body: Iterable[str],
             *, defs: str = "") -> str:
    """The ``<svg>`` root: intrinsic size, a viewBox so CSS can scale it, and an accessible name.

    ``max-width:100%; height:auto`` lets the page shrink a wide chart to its column while
    keeping the aspect ratio; a caller wanting ``width:100%`` can set it in CSS on the class.
    The root sets the font, its size (:data:`FONT_SIZE`) and the ink that text inherits; a
    ``<style>`` holds the rules of the style classes the chart uses (:mod:`.style`) and
    ``defs`` the shapes it places with ``<use>``.
    """
    w, h = num(float(width)), num(float(height))
    parts = list(body)
    # A chart with links is a group of its links (an "img" may not hold focusable elements); else one image.
    role = "group" if any("<a " in part for part in parts) else "img"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ap-svg ap-{esc(kind)}" role="{role}"'
        f' width="{w}" height="{h}" viewBox="0 0 {w} {h}"'
        f' style="max-width:100%;height:auto" aria-label="{esc(clean(title))}"'
        f' font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" fill="{INK}">'
        f"{title_el(clean(title))}<desc>{esc(desc)}</desc>{style.stylesheet([defs, *parts])}"
        + (f"<defs>{defs}</defs>" if defs else "")
        + f'<rect width="{w}" height="{h}" fill="{PAPER}"/>'
    )
    return head + "".join(parts) + "</svg>\n"


def symbol(symbol_id: str, body: str) -> str:
    """A ``<symbol>`` for :func:`use`: drawn in the coordinates of where it is used, never clipped."""
    return f'<symbol id="{esc(symbol_id)}" overflow="visible">{body}</symbol>'


def use(symbol_id: str, x: float = 0.0, y: float = 0.0) -> str:
    """A ``<use>`` of a :func:`symbol`, its origin at (x, y)."""
    at = (f' x="{num(x)}"' if x else "") + (f' y="{num(y)}"' if y else "")
    return f'<use href="#{esc(symbol_id)}"{at}/>'


class Symbols:
    """The shapes one chart draws again and again, each defined once as a ``<symbol>`` and placed by ``<use>``.

    Ids are ``prefix`` and a number in the order shapes are first asked for, so the same chart is
    the same text on every build; give each chart on a page its own prefix (an id is used once).
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.ids: dict[object, str] = {}
        self.bodies: list[str] = []

    def use(self, key: object, draw: Callable[[], str], x: float = 0.0, y: float = 0.0) -> str:
        """Place the shape ``key`` (drawn by ``draw`` at the origin, the first time) at (x, y)."""
        sid = self.ids.get(key)
        if sid is None:
            sid = self.ids[key] = f"{self.prefix}{len(self.ids)}"
            with style.plain():  # a <use> copy is not reached by the chart's style rules
                self.bodies.append(symbol(sid, draw()))
        return use(sid, x, y)

    def defs(self) -> str:
        """Every symbol asked for, for :func:`document`'s ``defs``."""
        return "".join(self.bodies)


def thousands(value: float) -> str:
    """A figure with thousands separators and no decimals for large values: ``1,234,567``."""
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}"


LegendItem = tuple[float, Callable[[float, float], str]]
"""A legend entry: its width in px and a function drawing it with its top-left corner at (x, y)."""


def flow(
    items: Sequence[LegendItem], x0: float, y0: float, width: float, *, row_h: float = 24, gap: float = 20
) -> tuple[str, float]:
    """Lay legend entries out left to right, wrapping at ``width``; returns the SVG and its height."""
    parts: list[str] = []
    x, y = x0, y0
    for item_w, draw in items:
        if x > x0 and x + item_w > x0 + width:
            x, y = x0, y + row_h
        parts.append(draw(x, y))
        x += item_w + gap
    return "".join(parts), (y - y0 + row_h) if items else 0.0


def swatch_text(label: str, size: float = 12) -> float:
    """Width of a legend label at the legend font size."""
    return text_width(clean(label), size)
