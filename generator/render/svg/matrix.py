"""The key-relationship matrix: intimacy (across) × support (up), one labelled mark per person.

The method evaluates key relationships on exactly these two dimensions. People are
listed inside their cell (no random jitter, so the chart is stable and nobody hides
behind a neighbour); decision makers come first, drawn as a diamond with a bold name.
People who left are not placed: the matrix is about relationships we have now.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from generator.model.contact import DECIDING_ROLES, Contact

from . import core
from .core import GRID, INK, SUPPORT_COLOURS, fitted_text, num, rect, text_el
from .labels import Labels, merged

MARGIN = 16.0
CELL_W = 172.0
ENTRY_H = 19.0
BAND = 18.0
"""Room at the top of each row for quadrant names."""
MAX_PER_COLUMN = 8
"""Past this many people in a cell they are listed in two columns."""
QUADRANTS: dict[str, tuple[str, str]] = {
    # name: (tint, ink for its label)
    "allies": ("#e3f3ec", "#005c43"),
    "risk": ("#fbe6dc", "#9a330a"),
    "develop": ("#e8f0fa", "#1f4e8c"),
    "watch": ("#fdf3d6", "#7a5800"),
}


def quadrant(intimacy: int, support: int) -> str | None:
    """Which shaded corner a cell is in: allies, risk, develop (supportive, not close), watch."""
    if support >= 4:
        return "allies" if intimacy >= 4 else "develop" if intimacy <= 2 else None
    if support <= 2:
        return "watch" if intimacy >= 4 else "risk" if intimacy <= 2 else None
    return None


def _marker(cx: float, cy: float, c: Contact) -> str:
    fill = SUPPORT_COLOURS[core.level(c.support)]
    if c.role in DECIDING_ROLES:
        d = f"M{num(cx)},{num(cy - 6.5)}L{num(cx + 6.5)},{num(cy)}L{num(cx)},{num(cy + 6.5)}L{num(cx - 6.5)},{num(cy)}Z"
        return core.path(d, fill=fill, stroke=INK, stroke_width=1.6)
    return core.circle(cx, cy, 5, fill=fill, stroke=INK)


def _order(c: Contact) -> tuple[bool, int, str, str]:
    return (c.role not in DECIDING_ROLES, -c.influence, core.clean(c.name).casefold(), c.id)


def intimacy_support_matrix(
    contacts: Sequence[Contact], labels: Labels | None = None, *, link_prefix: str | None = "#contact-"
) -> str:
    """The 5×5 intimacy × support grid as SVG text.

    Each person links to ``link_prefix + id`` (the relationship map's card on the same
    page); pass ``None`` for no links.
    """
    lab = merged(labels)
    current = sorted({c.id: c for c in reversed(contacts) if c.active}.values(), key=_order)
    cells: dict[tuple[int, int], list[Contact]] = {}
    unknown = [c for c in current if c.unknown]  # not placed: a guess would read as a known position
    for c in current:
        if not c.unknown:
            cells.setdefault((core.level(c.intimacy), core.level(c.support)), []).append(c)
    row_h = {
        s: BAND
        + max([math.ceil(len(cells.get((i, s), [])) / _cols(cells.get((i, s), []))) for i in range(1, 6)] + [1])
        * ENTRY_H
        + 6
        for s in range(1, 6)
    }
    y_names = [f"{s} {lab.get(f'support.{s}', '')}" for s in range(1, 6)]
    label_w = max(core.text_width(t, 12) for t in [*y_names, lab["axis.support"]]) + 14
    x0, y0 = MARGIN + label_w, MARGIN + 22
    grid_h = sum(row_h.values())
    parts = [text_el(MARGIN, MARGIN + 12, lab["axis.support"] + " ↑", size=13, font_weight="700")]
    y = y0
    for s in range(5, 0, -1):
        for i in range(1, 6):
            parts.append(_cell(x0 + (i - 1) * CELL_W, y, row_h[s], i, s, cells.get((i, s), []), lab, link_prefix))
        parts.append(text_el(x0 - 8, y + row_h[s] / 2 + 4, y_names[s - 1], size=12, text_anchor="end"))
        y += row_h[s]
    parts.append(rect(x0, y0, 5 * CELL_W, grid_h, fill="none", stroke="#90a4ae"))
    for i in range(1, 6):
        name = f"{i} {lab.get(f'intimacy.{i}', '')}"
        parts.append(fitted_text(x0 + (i - 0.5) * CELL_W, y + 17, name, CELL_W - 8, size=12, text_anchor="middle"))
    parts.append(
        text_el(
            x0 + 2.5 * CELL_W, y + 38, lab["axis.intimacy"] + " →", size=13, font_weight="700", text_anchor="middle"
        )
    )
    if unknown:
        colon = lab["colon"]
        names = lab["list"].join(core.clean(c.name) for c in unknown)
        parts.append(fitted_text(x0, y + 60, f"? {lab['matrix.unknown']}{colon}{names}", 5 * CELL_W, size=12))
        y += 22
    legend, legend_h = _legend(lab, x0, y + 52, 5 * CELL_W)
    parts.append(legend)
    width = x0 + 5 * CELL_W + MARGIN
    desc = lab["matrix.desc"].format(n=len(current))
    return core.document("matrix", width, y + 52 + legend_h + MARGIN, lab["matrix.title"], desc, parts)


def _cols(people: Sequence[Contact]) -> int:
    return 1 if len(people) <= MAX_PER_COLUMN else 2


def _cell(
    x: float,
    y: float,
    h: float,
    intimacy: int,
    support: int,
    people: Sequence[Contact],
    lab: dict[str, str],
    link_prefix: str | None,
) -> str:
    colon = lab["colon"]
    quad = quadrant(intimacy, support)
    tint = QUADRANTS[quad][0] if quad else "#ffffff"
    parts = [rect(x, y, CELL_W, h, fill=tint, stroke=GRID)]
    corner = {(5, 5): "allies", (1, 1): "risk", (1, 5): "develop", (5, 1): "watch"}.get((intimacy, support))
    if corner:
        parts.append(
            fitted_text(
                x + CELL_W - 6,
                y + 13,
                lab[f"quadrant.{corner}"],
                CELL_W - 12,
                size=11,
                text_anchor="end",
                font_style="italic",
                fill=QUADRANTS[corner][1],
            )
        )
    cols = _cols(people)
    per_col = math.ceil(len(people) / cols) if people else 0
    col_w = CELL_W / cols
    for index, c in enumerate(people):
        col, row = divmod(index, per_col)
        ex, ey = x + col * col_w + 8, y + BAND + row * ENTRY_H + ENTRY_H / 2
        tip = (
            f"{core.clean(c.name)} — {core.clean(c.title)}\n"
            f"{lab['field.role']}{colon}{lab.get('role.' + c.role, c.role)}\n"
            f"{lab['field.intimacy']}{colon}{core.shown(c.intimacy)} · "
            f"{lab['field.support']}{colon}{core.shown(c.support)} · "
            f"{lab['field.influence']}{colon}{c.influence}"
            + (f"\n⚔ {lab['field.favours']}{colon}{core.clean(c.favours)}" if c.favours else "")
        )
        bold = c.role in DECIDING_ROLES
        name = c.name + (" ⚔" if c.favours else "")  # favours a competitor: the tooltip names whom
        body = _marker(ex + 4, ey, c) + fitted_text(ex + 14, ey + 4, name, col_w - 26, size=12, bold=bold, fill=INK)
        href = link_prefix + c.id if link_prefix is not None else None
        parts.append(
            f'<g class="ap-person">{core.title_el(tip)}{core.link_open(href)}{body}{core.link_close(href)}</g>'
        )
    return "".join(parts)


def _legend(lab: dict[str, str], x: float, y: float, width: float) -> tuple[str, float]:
    items: list[core.LegendItem] = []
    decider = lab["legend.decider"]
    items.append(
        (
            16 + core.text_width(decider, 12, bold=True),
            lambda lx, ly: (
                core.path(f"M{num(lx + 6)},{num(ly + 4.5)}l6.5,6.5l-6.5,6.5l-6.5,-6.5Z", fill="#ffffff", stroke=INK,
                          stroke_width=1.6) + text_el(lx + 16, ly + 15, decider, size=12, font_weight="700")
            ),
        )
    )
    for name in ("allies", "develop", "watch", "risk"):
        text = lab[f"quadrant.{name}"]
        tint, ink = QUADRANTS[name]

        def draw(lx: float, ly: float, text: str = text, tint: str = tint, ink: str = ink) -> str:
            return rect(lx, ly + 3, 22, 16, fill=tint, stroke=GRID) + text_el(lx + 28, ly + 15, text, size=12, fill=ink)

        items.append((28 + core.text_width(text, 12), draw))
    return core.flow(items, x, y, width)
