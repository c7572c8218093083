"""One contact's card on the relationship map, and the small marks it is built from.

A card is 188×80 px: a support bar on the left (colour *and* a symbol), name, title, the
decision-role pill, intimacy dots and our owners' initials chips. The legend reuses the
same marks so that what it shows is exactly what the map draws.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.model.contact import DECIDING_ROLES, Contact
from generator.model.roster import Person

from . import core
from .core import INK, MUTED, SUPPORT_COLOURS, SUPPORT_SYMBOLS, circle, esc, fitted_text, num, rect, text_el
from .layout import CARD_H, CARD_W

BAR_W = 22.0
"""The coloured support bar on each card's left, wide enough for the ``++`` symbol."""
BORDER = {1: 1.0, 2: 1.6, 3: 2.3, 4: 3.0, 5: 4.0}
"""Border width by influence."""
COACH = "#f5c400"
LEFT_OPACITY = "0.6"


def initials(person: Person | None, person_id: str) -> str:
    """Chip text: ``LN`` for Li Na, the name itself for a short CJK name, else from the id."""
    name = core.clean(person.name) if person else ""
    if name and any(core.char_em(ch) == 1.0 for ch in name):
        return name.replace(" ", "")[:3]
    words = name.split() if name else [w for w in person_id.split("-") if w and w != "p"]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def bar(x: float, y: float, h: float) -> str:
    """Path of the support bar: the card's left edge with its rounded corners."""
    r = 6.0
    arc = f"A{num(r)},{num(r)} 0 0 1"
    return (
        f"M{num(x + r)},{num(y)}H{num(x + BAR_W)}V{num(y + h)}H{num(x + r)}"
        f"{arc} {num(x)},{num(y + h - r)}V{num(y + r)}{arc} {num(x + r)},{num(y)}Z"
    )


def symbol_fill(support: int) -> str:
    """Ink for the support symbol: white on the dark ends of the scale, black on the light middle."""
    return "#ffffff" if support in (1, 5) else INK


def pill_width(text: str, max_w: float = 120.0) -> float:
    """Width of a :func:`pill` of ``text``."""
    return core.text_width(core.fit(text, max_w - 10, 11)[0], 11) + 10


def pill(x: float, y: float, text: str, *, dark: bool, max_w: float = 120.0, dashed: bool = False) -> tuple[str, float]:
    """A rounded label (decision role, 'left'); dark for deciding roles. Returns the SVG and its width."""
    shown, _ = core.fit(text, max_w - 10, 11)
    w = core.text_width(shown, 11) + 10
    fill, ink = ("#263238", "#ffffff") if dark else ("#eceff1", INK)
    dash = "3 2" if dashed else None
    out = rect(x, y, w, 16, rx=8, fill=fill, stroke="#78909c", stroke_width=0.8, stroke_dasharray=dash)
    return out + text_el(x + w / 2, y + 12, shown, size=11, text_anchor="middle", fill=ink), w


def placed_pill(marks: core.Symbols, x: float, y: float, text: str, *, dark: bool, max_w: float = 120.0,
                dashed: bool = False) -> tuple[str, float]:
    """:func:`pill` as a ``<use>`` of one symbol per label: every card shows the same few roles."""
    drawn = marks.use(("pill", text, dark, max_w, dashed),
                      lambda: pill(0, 0, text, dark=dark, max_w=max_w, dashed=dashed)[0], x, y)
    return drawn, pill_width(text, max_w)


def dots(x_right: float, cy: float, filled: int | None) -> str:
    """Five intimacy dots ending at ``x_right``, the first ``filled`` of them solid; ``?`` when unknown."""
    if filled is None:
        return text_el(x_right - 18, cy + 4, "?", size=12, font_weight="700", text_anchor="middle")
    return "".join(
        circle(x_right - (4 - i) * 9, cy, 3.5, fill=INK if i < filled else "#ffffff", stroke=INK)
        for i in range(5)
    )


def placed_dots(marks: core.Symbols, x_right: float, cy: float, filled: int | None) -> str:
    """:func:`dots` as a ``<use>``: six symbols (none to five filled, and unknown) serve every card."""
    return marks.use(("dots", filled), lambda: dots(0, 0, filled), x_right, cy)


def star(cx: float, cy: float) -> str:
    """The coach badge: a star on a yellow disc."""
    return circle(cx, cy, 9, fill=COACH, stroke="#7a5c00") + text_el(
        cx, cy + 4.5, "★", size=12, text_anchor="middle", fill=INK
    )


def placed_star(marks: core.Symbols, cx: float, cy: float) -> str:
    """:func:`star` as a ``<use>``."""
    return marks.use(("star",), lambda: star(0, 0), cx, cy)


def frame(marks: core.Symbols, influence: int, left: bool) -> str:
    """The card's outline at the origin: border weight by influence, dashed and greyed when the contact left."""
    return marks.use(("frame", influence, left), lambda: rect(
        0, 0, CARD_W, CARD_H, rx=6, fill="#fafafa" if left else "#ffffff", stroke="#37474f",
        stroke_width=BORDER.get(influence, 1.0), stroke_dasharray="6 3" if left else None))


def card(
    c: Contact,
    x: float,
    y: float,
    tip: str,
    owners: Mapping[str, Person],
    lab: Mapping[str, str],
    *,
    anchor: str,
    marks: core.Symbols,
    href: str | None = None,
) -> str:
    """The card of ``c`` with its top-left corner at (x, y): a group with id ``anchor`` and tooltip ``tip``.

    The group is moved to (x, y) and draws in the card's own coordinates; outline, support bar,
    role pill, intimacy dots, coach star and owner chips are ``<use>`` of ``marks``' symbols.
    """
    support = core.level(c.support)
    parts = [f'<g id="{esc(anchor)}" class="ap-contact" transform="translate({num(x)} {num(y)})">',
             core.title_el(tip)]
    if c.left:  # an opaque base, so the faded card fades towards white, not the lines behind it
        parts.append(rect(0, 0, CARD_W, CARD_H, rx=6, fill="#ffffff") + f'<g opacity="{LEFT_OPACITY}">')
    parts.append(core.link_open(href))
    parts.append(frame(marks, c.influence, bool(c.left)))
    parts.append(marks.use(("bar", support), lambda: core.path(bar(0, 0, CARD_H), fill=SUPPORT_COLOURS[support])))
    parts.append(
        text_el(
            BAR_W / 2,
            CARD_H / 2 + 5,
            SUPPORT_SYMBOLS[support],
            size=14,
            font_weight="700",
            text_anchor="middle",
            fill=symbol_fill(support),
        )
    )
    left_x = BAR_W + 8
    name_w = CARD_W - BAR_W - 16 - (20 if c.coach else 0)
    parts.append(fitted_text(left_x, 19, c.name, name_w, size=13, bold=True))
    parts.append(fitted_text(left_x, 36, c.title, CARD_W - BAR_W - 16, size=12, fill=MUTED))
    if c.coach:
        parts.append(placed_star(marks, CARD_W - 14, 14))
    role_pill, _ = placed_pill(marks, left_x, 43, lab.get(f"role.{c.role}.abbr", c.role),
                               dark=c.role in DECIDING_ROLES, max_w=70)
    parts.append(role_pill)
    parts.append(placed_dots(marks, CARD_W - 10, 51, c.intimacy))
    chips_end = CARD_W - 8
    if c.favours:  # the competitor this contact favours, bottom right: ⚔ and the name, cut to fit
        rival = fitted_text(chips_end, 73, f"⚔ {c.favours}", 70, size=11, bold=True, text_anchor="end",
                            fill="#b71c1c")
        parts.append(rival)
        chips_end -= 74
    parts.append(chips(marks, left_x, 61, chips_end, c, owners, lab))
    parts.append(core.link_close(href))
    if c.left:
        parts.append("</g>")
    parts.append("</g>")
    return "".join(parts)


def chips(marks: core.Symbols, x: float, y: float, x_end: float, c: Contact, owners: Mapping[str, Person],
          lab: Mapping[str, str]) -> str:
    """Initials of our people who know the contact (owners, then ``knows``) along the card's bottom; a ``+n``
    chip when they do not all fit."""
    out: list[str] = []
    if c.left:
        left_pill, w = placed_pill(marks, x, y, lab["legend.left_short"], dark=False, max_w=80, dashed=True)
        out.append(left_pill)
        x += w + 4
    known = c.known_by  # owners and who-knows-whom records: our people beside their contacts
    for index, owner in enumerate(known):
        text = initials(owners.get(owner), owner)
        w = core.text_width(text, 11) + 10
        rest = len(known) - index - 1
        if x + w + (30 if rest else 0) > x_end:
            out.append(chip(marks, x, y, f"+{rest + 1}", ", ".join(known[index:]), owners))
            break
        out.append(chip(marks, x, y, text, owner, owners))
        x += w + 4
    return "".join(out)


def chip(marks: core.Symbols, x: float, y: float, text: str, owner: str, owners: Mapping[str, Person]) -> str:
    """One owner chip with the person's name and title as tooltip; the chip itself is a symbol per text."""
    person = owners.get(owner)
    tip = f"{core.clean(person.name)} — {core.clean(person.title)}" if person else owner

    def draw() -> str:
        w = core.text_width(text, 11) + 10
        return (rect(0, 0, w, 15, rx=3, fill="#e3f2fd", stroke="#1565c0", stroke_width=0.8)
                + text_el(w / 2, 11.5, text, size=11, text_anchor="middle", fill="#0d47a1", font_weight="700"))

    return f"<g>{core.title_el(tip)}{marks.use(('chip', text), draw, x, y)}</g>"
