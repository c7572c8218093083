"""Who knows whom: our people on the left, the customer's contacts on the right, a line for each relationship.

The relationship map (:mod:`.relmap`) shows the customer's organization with our owners as
initials; this second view turns it round to show the article's 一多 at a glance: how many of the
customer's people each of ours holds, and which contacts hang on one line only. A line's weight is
the ``knows`` strength (1 name only … 5 close); a relationship whose strength is not assessed (an
owner without a ``knows`` record, or ``strength: unknown``) is drawn dashed and light. Contacts
nobody of ours knows are listed at the bottom without a line: the gaps.

The drawing is narrow on purpose (:data:`WIDTH` px): two columns of names and the lines between
them fit a phone (390 px) at 1:1, without the sideways scrolling the wider charts need there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.model.contact import DECIDING_ROLES, Contact
from generator.model.roster import Person

from . import core
from .core import MUTED, num, text_el
from .labels import Labels, merged

WIDTH = 356.0
"""Fits the content column of a 390 px phone (358 px) at 1:1, so the view needs no sideways scrolling."""
MARGIN = 8.0
OURS_W = 118.0
"""Width of our people's column (name and title)."""
THEIRS_W = 158.0
"""Width of the contacts' column: wider, for the decision role before the title."""
ROW = 36.0
"""Vertical room for one name and its second line."""
INK_LINE = "#37474f"
UNKNOWN_LINE = "#78909c"


@dataclass(frozen=True)
class Tie:
    """One relationship: our person, their contact, and its strength (``None``: not assessed)."""

    person: str
    contact: str
    strength: int | None


def ties(contacts: Sequence[Contact]) -> list[Tie]:
    """Every relationship of the current contacts: owners and ``knows`` records, each pair once.

    A ``knows`` record gives the strength; an owner without one is a relationship of unknown strength.
    """
    out: dict[tuple[str, str], Tie] = {}
    for c in contacts:
        if not c.active:
            continue
        for k in c.knows:
            out.setdefault((k.person, c.id), Tie(k.person, c.id, k.strength))
        for person in c.owners:
            out.setdefault((person, c.id), Tie(person, c.id, None))
    return [out[key] for key in sorted(out)]


def width_of(strength: int | None) -> float:
    """Stroke width of a line: 1.2 px for strength 1 up to 6 px for 5; unknown 1.5 px (dashed)."""
    return 1.5 if strength is None else 1.2 * strength


def _order(people: list[str], contacts: list[Contact], found: list[Tie]) -> tuple[list[str], list[Contact]]:
    """People with most relationships first; contacts by the mean row of the people who know them (fewer
    crossings), then key contacts first and by name; contacts nobody knows last."""
    count = {p: sum(t.person == p for t in found) for p in people}
    people = sorted(people, key=lambda p: (-count[p], p))
    row = {p: i for i, p in enumerate(people)}
    known: dict[str, list[int]] = {}
    for t in found:
        known.setdefault(t.contact, []).append(row[t.person])

    def key(c: Contact) -> tuple[bool, float, bool, str, str]:
        rows = known.get(c.id, [])
        centre = sum(rows) / len(rows) if rows else 0.0
        return (not rows, centre, not c.key, core.clean(c.name).casefold(), c.id)

    return people, sorted(contacts, key=key)


def _legend(lab: Mapping[str, str], width: float) -> tuple[str, float]:
    """Line weights 1–5 and the dashed unknown, each with its scale name."""
    items: list[core.LegendItem] = []
    for level in (*range(1, 6), None):
        name = lab.get(f"strength.{level}", str(level))
        shown = f"{level} {name}" if level else name

        def draw(x: float, y: float, level: int | None = level, shown: str = shown) -> str:
            dash = "4 3" if level is None else None
            colour = UNKNOWN_LINE if level is None else INK_LINE
            return (core.line(x, y + 11, x + 26, y + 11, stroke=colour, stroke_width=width_of(level),
                              stroke_dasharray=dash) + text_el(x + 31, y + 15, shown, size=12))

        items.append((31 + core.text_width(shown, 12), draw))
    return core.flow(items, MARGIN, MARGIN, width - 2 * MARGIN, row_h=22, gap=14)


def _name(x: float, y: float, name: str, second: str, anchor: str, room: float, *, bold: bool, faded: bool) -> str:
    """A name and, below it, a muted second line, both cut to ``room`` px (the full text becomes a tooltip)."""
    fill = MUTED if faded else None
    align = None if anchor == "start" else anchor  # "start" is the default: not written
    return (core.fitted_text(x, y, name, room, size=12, bold=bold, text_anchor=align, fill=fill)
            + core.fitted_text(x, y + 14, second, room, size=11, text_anchor=align, fill=MUTED))


def knows_map(contacts: Sequence[Contact], people: Mapping[str, Person], labels: Labels | None = None) -> str:
    """The who-knows-whom view of an account as SVG text (only contacts still at the customer)."""
    lab = merged(labels)
    current = [c for c in {c.id: c for c in contacts}.values() if c.active]
    found = ties(current)
    ours, theirs = _order(sorted({t.person for t in found}), current, found)
    legend, legend_h = _legend(lab, WIDTH)
    top = MARGIN + legend_h + 10
    head = (text_el(MARGIN + OURS_W, top + 12, lab["knows.ours"], size=12, font_weight="700", text_anchor="end")
            + text_el(WIDTH - MARGIN - THEIRS_W, top + 12, lab["knows.theirs"], size=12, font_weight="700"))
    body_top = top + 24
    height = max(len(ours), len(theirs), 1) * ROW

    def ys(n: int) -> list[float]:
        pitch = height / max(n, 1)
        return [body_top + pitch * (i + 0.5) for i in range(n)]

    py = dict(zip(ours, ys(len(ours)), strict=True))
    cy = dict(zip((c.id for c in theirs), ys(len(theirs)), strict=True))
    x1, x2 = MARGIN + OURS_W + 4, WIDTH - MARGIN - THEIRS_W - 4
    names = {c.id: core.clean(c.name) for c in theirs}
    lines = []
    for t in sorted(found, key=lambda t: (t.strength is not None, t.strength or 0)):  # strong lines on top
        mid = (x1 + x2) / 2
        d = f"M{num(x1)},{num(py[t.person])}C{num(mid)},{num(py[t.person])} {num(mid)},{num(cy[t.contact])} " \
            f"{num(x2)},{num(cy[t.contact])}"
        who = core.clean(people[t.person].name) if t.person in people else t.person
        tip = f"{who} — {names[t.contact]}{lab['colon']}{lab.get(f'strength.{t.strength}', '?')}"
        unknown = t.strength is None
        style = core.styled(stroke=UNKNOWN_LINE if unknown else INK_LINE, stroke_dasharray="4 3" if unknown else None,
                            stroke_opacity=None if unknown else 0.8, stroke_width=width_of(t.strength))
        lines.append(f'<path d="{d}"{style}>{core.title_el(tip)}</path>')
    # Every line is an open curve with round ends: said once, on the group.
    parts = [legend, head, f'<g{core.attrs(class_="ap-ties", fill="none", stroke_linecap="round")}>', *lines, "</g>"]
    for pid in ours:
        person = people.get(pid)
        parts.append(_name(MARGIN + OURS_W - 6, py[pid] - 2, person.name if person else pid,
                           person.title if person else "", "end", OURS_W - 8, bold=True, faded=False))
        parts.append(core.circle(x1, py[pid], 3.5, fill=INK_LINE))
    known = {t.contact for t in found}
    for c in theirs:
        role = lab.get(f"role.{c.role}", c.role)
        second = f"{role} · {core.clean(c.title)}" if c.role in DECIDING_ROLES else core.clean(c.title)
        x = WIDTH - MARGIN - THEIRS_W + 6
        parts.append(_name(x, cy[c.id] - 2, c.name, second, "start", THEIRS_W - 8, bold=c.key,
                           faded=c.id not in known))
        parts.append(core.circle(x2, cy[c.id], 3.5, fill=INK_LINE if c.id in known else "#ffffff",
                                 stroke=INK_LINE))
    desc = lab["knows.desc"].format(people=len(ours), contacts=len(theirs), ties=len(found),
                                    alone=len(theirs) - len(known))
    return core.document("knows-map", WIDTH, body_top + height + MARGIN, lab["knows.title"], desc, parts)
