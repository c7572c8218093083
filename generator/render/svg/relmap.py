"""The relationship map: the customer's people as an org chart, annotated with how they stand to us.

Each card shows support as colour *and* a symbol (−− − ○ + ++), influence as border
weight, intimacy as filled dots, the decision role as a pill, a star for coaches and our
relationship owners as initials chips. People who left stay on the map, faded with a
dashed border, so history is not lost. Each card's group has the id ``contact-<id>`` and
a tooltip with every detail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.model.contact import DECIDING_ROLES, Contact
from generator.model.roster import Person

from . import core
from .core import INK, MUTED, SUPPORT_COLOURS, SUPPORT_SYMBOLS, circle, esc, fitted_text, line, num, rect, text_el
from .labels import LEVELS, ROLES, Labels, merged
from .layout import CARD_H, CARD_W, MapLayout, layout

MARGIN = 16.0
BAR_W = 22.0
"""The coloured support bar on each card's left, wide enough for the ``++`` symbol."""
BORDER = {1: 1.0, 2: 1.6, 3: 2.3, 4: 3.0, 5: 4.0}
"""Border width by influence."""
DOTTED = "#7b5ea7"
COACH = "#f5c400"
LEFT_OPACITY = "0.6"


def forest(contacts: Sequence[Contact]) -> tuple[list[str], dict[str, list[str]]]:
    """Roots and ordered children by formal reporting line.

    A contact is a root when it has no manager, the manager is unknown, or the manager
    has left (their reports would otherwise hang under a faded card). Reporting cycles,
    which the validator reports, are broken at the smallest id so drawing never loops.
    Siblings are ordered: still there first, then by level, influence, name and id.
    """
    by_id: dict[str, Contact] = {}
    for contact in contacts:
        by_id.setdefault(contact.id, contact)
    parent: dict[str, str | None] = {}
    for cid, contact in by_id.items():
        boss = contact.reports_to
        ok = boss is not None and boss != cid and boss in by_id and by_id[boss].active
        parent[cid] = boss if ok else None
    resolved: set[str] = set()
    for start in sorted(by_id):
        path: list[str] = []
        where: dict[str, int] = {}
        cur = start if start not in resolved else None
        while cur is not None and cur not in resolved:
            if cur in where:
                parent[min(path[where[cur] :])] = None
                break
            where[cur] = len(path)
            path.append(cur)
            cur = parent[cur]
        resolved.update(path)
    children: dict[str, list[str]] = {cid: [] for cid in by_id}
    for cid in by_id:
        boss = parent[cid]
        if boss is not None:
            children[boss].append(cid)
    sizes = _subtree_sizes(children, [c for c in by_id if parent[c] is None])

    def key(cid: str) -> tuple[bool, int, int, str, str]:
        c = by_id[cid]
        rank = LEVELS.index(c.level) if c.level in LEVELS else len(LEVELS)
        return (not c.active, rank, -c.influence, core.clean(c.name).casefold(), cid)

    for kids in children.values():
        kids.sort(key=key)
    # Big trees first, lone contacts packed after them.
    roots = sorted((c for c in by_id if parent[c] is None), key=lambda cid: (key(cid)[0], -sizes[cid], *key(cid)[1:]))
    return roots, children


def _subtree_sizes(children: Mapping[str, list[str]], roots: Sequence[str]) -> dict[str, int]:
    size: dict[str, int] = {}
    order: list[str] = []
    stack = list(roots)
    while stack:
        cid = stack.pop()
        order.append(cid)
        stack.extend(children[cid])
    for cid in reversed(order):
        size[cid] = 1 + sum(size[k] for k in children[cid])
    return size


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


def _tooltip(c: Contact, by_id: Mapping[str, Contact], owners: Mapping[str, Person], lab: Mapping[str, str]) -> str:
    def name_of(cid: str) -> str:
        return core.clean(by_id[cid].name) if cid in by_id else cid

    owner_names = [core.clean(owners[o].name) if o in owners else o for o in c.owners]
    lines = [
        f"{core.clean(c.name)} — {core.clean(c.title)}",
        f"{lab['field.department']}: {core.clean(c.department)} · {lab['field.level']}: "
        f"{lab.get('level.' + c.level, c.level)}",
        f"{lab['field.role']}: {lab.get('role.' + c.role, c.role)}",
        f"{lab['field.support']}: {c.support} {lab.get(f'support.{c.support}', '')} · "
        f"{lab['field.intimacy']}: {c.intimacy} {lab.get(f'intimacy.{c.intimacy}', '')} · "
        f"{lab['field.influence']}: {c.influence} {lab.get(f'influence.{c.influence}', '')}",
        f"{lab['field.owners']}: {', '.join(owner_names) or lab['field.none']}",
    ]
    if c.coach:
        lines.append(lab["field.coach"])
    if c.reports_to:
        lines.append(f"{lab['field.reports_to']}: {name_of(c.reports_to)}")
    if c.dotted_to:
        lines.append(f"{lab['field.dotted_to']}: {', '.join(name_of(d) for d in c.dotted_to)}")
    if c.left:
        lines.append(f"{lab['field.left']}: {c.left.isoformat()}")
    return "\n".join(lines)


def _bar(x: float, y: float, h: float) -> str:
    """Path of the support bar: the card's left edge with its rounded corners."""
    r = 6.0
    arc = f"A{num(r)},{num(r)} 0 0 1"
    return (
        f"M{num(x + r)},{num(y)}H{num(x + BAR_W)}V{num(y + h)}H{num(x + r)}"
        f"{arc} {num(x)},{num(y + h - r)}V{num(y + r)}{arc} {num(x + r)},{num(y)}Z"
    )


def _symbol_fill(support: int) -> str:
    return "#ffffff" if support in (1, 5) else INK


def _pill(
    x: float, y: float, text: str, *, dark: bool, max_w: float = 120.0, dashed: bool = False
) -> tuple[str, float]:
    shown, _ = core.fit(text, max_w - 10, 11)
    w = core.text_width(shown, 11) + 10
    fill, ink = ("#263238", "#ffffff") if dark else ("#eceff1", INK)
    dash = "3 2" if dashed else None
    out = rect(x, y, w, 16, rx=8, fill=fill, stroke="#78909c", stroke_width=0.8, stroke_dasharray=dash)
    return out + text_el(x + w / 2, y + 12, shown, size=11, text_anchor="middle", fill=ink), w


def _dots(x_right: float, cy: float, filled: int) -> str:
    return "".join(
        circle(x_right - (4 - i) * 9, cy, 3.5, fill=INK if i < filled else "#ffffff", stroke=INK, stroke_width=1)
        for i in range(5)
    )


def _star(cx: float, cy: float) -> str:
    return circle(cx, cy, 9, fill=COACH, stroke="#7a5c00", stroke_width=1) + text_el(
        cx, cy + 4.5, "★", size=12, text_anchor="middle", fill=INK
    )


def _card(
    c: Contact, x: float, y: float, tip: str, owners: Mapping[str, Person], lab: Mapping[str, str], href: str | None
) -> str:
    support = min(5, max(1, c.support))
    faded = f' opacity="{LEFT_OPACITY}"' if c.left else ""
    parts = [f'<g id="contact-{esc(c.id)}" class="ap-contact"{faded}>', core.title_el(tip)]
    if href:
        parts.append(f'<a href="{esc(href)}">')
    parts.append(
        rect(
            x,
            y,
            CARD_W,
            CARD_H,
            rx=6,
            fill="#fafafa" if c.left else "#ffffff",
            stroke="#37474f",
            stroke_width=BORDER.get(c.influence, 1.0),
            stroke_dasharray="6 3" if c.left else None,
        )
    )
    parts.append(f'<path d="{_bar(x, y, CARD_H)}" fill="{SUPPORT_COLOURS[support]}"/>')
    parts.append(
        text_el(
            x + BAR_W / 2,
            y + CARD_H / 2 + 5,
            SUPPORT_SYMBOLS[support],
            size=14,
            font_weight="700",
            text_anchor="middle",
            fill=_symbol_fill(support),
        )
    )
    left_x = x + BAR_W + 8
    name_w = CARD_W - BAR_W - 16 - (20 if c.coach else 0)
    parts.append(fitted_text(left_x, y + 19, c.name, name_w, size=13, bold=True))
    parts.append(fitted_text(left_x, y + 36, c.title, CARD_W - BAR_W - 16, size=12, fill=MUTED))
    if c.coach:
        parts.append(_star(x + CARD_W - 14, y + 14))
    pill, _ = _pill(left_x, y + 43, lab.get(f"role.{c.role}.abbr", c.role), dark=c.role in DECIDING_ROLES, max_w=70)
    parts.append(pill)
    parts.append(_dots(x + CARD_W - 10, y + 51, c.intimacy))
    parts.append(_chips(left_x, y + 61, x + CARD_W - 8, c, owners, lab))
    if href:
        parts.append("</a>")
    parts.append("</g>")
    return "".join(parts)


def _chips(x: float, y: float, x_end: float, c: Contact, owners: Mapping[str, Person], lab: Mapping[str, str]) -> str:
    """Owner initials along the card's bottom; a ``+n`` chip when they do not all fit."""
    out: list[str] = []
    if c.left:
        pill, w = _pill(
            x, y, lab["legend.left"].split("(")[0].split("（")[0].strip(), dark=False, max_w=80, dashed=True
        )
        out.append(pill)
        x += w + 4
    for index, owner in enumerate(c.owners):
        text = initials(owners.get(owner), owner)
        w = core.text_width(text, 11) + 10
        rest = len(c.owners) - index - 1
        if x + w + (30 if rest else 0) > x_end:
            out.append(_chip(x, y, f"+{rest + 1}", ", ".join(c.owners[index:]), owners))
            break
        out.append(_chip(x, y, text, owner, owners))
        x += w + 4
    return "".join(out)


def _chip(x: float, y: float, text: str, owner: str, owners: Mapping[str, Person]) -> str:
    person = owners.get(owner)
    tip = f"{core.clean(person.name)} — {core.clean(person.title)}" if person else owner
    w = core.text_width(text, 11) + 10
    return (
        f"<g>{core.title_el(tip)}"
        + rect(x, y, w, 15, rx=3, fill="#e3f2fd", stroke="#1565c0", stroke_width=0.8)
        + text_el(x + w / 2, y + 11.5, text, size=11, text_anchor="middle", fill="#0d47a1", font_weight="700")
        + "</g>"
    )


def _dotted(geo: MapLayout, contacts: Sequence[Contact], dx: float, dy: float) -> str:
    """Informal lines, dashed curves from the dotted-line manager to the person."""
    out: list[str] = []
    by_id = {c.id: c for c in contacts}
    for c in contacts:
        if c.id not in geo.cards:
            continue
        for boss in dict.fromkeys(c.dotted_to):  # de-duplicated, order kept
            if boss == c.id or boss not in geo.cards:
                continue
            bx, by = geo.cards[boss]
            cx, cy = geo.cards[c.id]
            x1, x2 = bx + CARD_W / 2 + dx, cx + CARD_W / 2 + dx
            if by + CARD_H <= cy:
                y1, y2, bend = by + CARD_H + dy, cy + dy, 40.0
            elif cy + CARD_H <= by:
                y1, y2, bend = by + dy, cy + CARD_H + dy, -40.0
            else:  # same row: arc over the top
                y1, y2, bend = by + dy, cy + dy, -40.0
            same_row = not (by + CARD_H <= cy or cy + CARD_H <= by)
            d = (
                f"M{num(x1)},{num(y1)}C{num(x1)},{num(y1 + bend)} {num(x2)},"
                f"{num(y2 - bend if not same_row else y2 + bend)} {num(x2)},{num(y2)}"
            )
            tip = f"{core.clean(by_id[boss].name)} ⇢ {core.clean(c.name)}"
            out.append(
                f'<path d="{d}" fill="none" stroke="{DOTTED}" stroke-width="1.5" stroke-dasharray="6 4"'
                f' opacity="0.75">{core.title_el(tip)}</path>'
            )
    return "".join(out)


def _legend(
    contacts: Sequence[Contact], lab: Mapping[str, str], width: float, x0: float, y0: float
) -> tuple[str, float]:
    """Every mark the map uses, explained; roles only for those that occur, in the schema's order."""
    items: list[core.LegendItem] = []
    head = lab["legend.support"] + ":"
    head_w = core.text_width(head, 12, bold=True)
    entries = [(s, lab.get(f"support.{s}", str(s))) for s in range(1, 6)]
    support_w = head_w + 8 + sum(26 + core.text_width(n, 12) + 12 for _, n in entries)

    def support(x: float, y: float) -> str:
        out = [text_el(x, y + 15, head, size=12, font_weight="700")]
        x += head_w + 8
        for level, name in entries:
            out.append(rect(x, y + 2, 22, 18, rx=3, fill=SUPPORT_COLOURS[level], stroke="#37474f", stroke_width=0.6))
            out.append(
                text_el(
                    x + 11,
                    y + 16,
                    SUPPORT_SYMBOLS[level],
                    size=12,
                    font_weight="700",
                    text_anchor="middle",
                    fill=_symbol_fill(level),
                )
            )
            out.append(text_el(x + 26, y + 15, name, size=12))
            x += 26 + core.text_width(name, 12) + 12
        return "".join(out)

    items.append((support_w, support))
    text = lab["legend.intimacy"]
    items.append(
        (48 + core.text_width(text, 12), lambda x, y: _dots(x + 40, y + 11, 3) + text_el(x + 48, y + 15, text, size=12))
    )
    infl = lab["legend.influence"]

    def influence(x: float, y: float) -> str:
        out = [
            rect(x + 2 + i * 24, y + 3, 18, 16, rx=3, fill="#ffffff", stroke="#37474f", stroke_width=BORDER[lv])
            for i, lv in enumerate((1, 3, 5))
        ]
        return "".join(out) + text_el(x + 76, y + 15, infl, size=12)

    items.append((76 + core.text_width(infl, 12), influence))
    coach = lab["legend.coach"]
    items.append(
        (24 + core.text_width(coach, 12), lambda x, y: _star(x + 9, y + 11) + text_el(x + 24, y + 15, coach, size=12))
    )
    present = {c.role for c in contacts}
    for role in (r for r in ROLES if r in present):
        abbr, name = lab.get(f"role.{role}.abbr", role), lab.get(f"role.{role}", role)
        pill_w = core.text_width(core.fit(abbr, 60, 11)[0], 11) + 10

        def draw_role(
            x: float, y: float, abbr: str = abbr, name: str = name, role: str = role, pw: float = pill_w
        ) -> str:
            return _pill(x, y + 3, abbr, dark=role in DECIDING_ROLES, max_w=70)[0] + text_el(
                x + pw + 5, y + 15, name, size=12
            )

        items.append((pill_w + 5 + core.text_width(name, 12), draw_role))
    chip_text = lab["legend.owner"]
    items.append(
        (
            32 + core.text_width(chip_text, 12),
            lambda x, y: _chip(x, y + 4, "AB", "", {}) + text_el(x + 32, y + 15, chip_text, size=12),
        )
    )
    left = lab["legend.left"]
    items.append(
        (
            38 + core.text_width(left, 12),
            lambda x, y: (
                f'<g opacity="{LEFT_OPACITY}">'
                + rect(x, y + 3, 32, 16, rx=3, fill="#fafafa", stroke="#37474f", stroke_dasharray="6 3")
                + "</g>"
                + text_el(x + 38, y + 15, left, size=12)
            ),
        )
    )
    reports = lab["legend.reports"]
    items.append(
        (
            36 + core.text_width(reports, 12),
            lambda x, y: (
                line(x, y + 11, x + 30, y + 11, stroke="#546e7a", stroke_width=1.5)
                + text_el(x + 36, y + 15, reports, size=12)
            ),
        )
    )
    if any(c.dotted_to for c in contacts):
        dotted = lab["legend.dotted"]
        items.append(
            (
                36 + core.text_width(dotted, 12),
                lambda x, y: (
                    line(x, y + 11, x + 30, y + 11, stroke=DOTTED, stroke_width=1.6, stroke_dasharray="6 4")
                    + text_el(x + 36, y + 15, dotted, size=12)
                ),
            )
        )
    body, height = core.flow(items, x0, y0, width, row_h=26)
    return f'<g class="ap-legend">{body}</g>', height


def relationship_map(
    contacts: Sequence[Contact],
    owners_by_id: Mapping[str, Person],
    labels: Labels | None = None,
    *,
    max_width: float = 1200,
    href_for: Mapping[str, str] | None = None,
) -> str:
    """The account's relationship map as SVG text.

    ``owners_by_id`` maps roster ids to our people (for the initials chips); ``labels``
    gives the legend and tooltip text (English by default, :data:`labels.ZH` for Chinese);
    ``href_for`` optionally turns a contact's card into a link. Width is capped at
    ``max_width``; a big organization grows downwards instead.
    """
    lab = merged(labels)
    firsts: dict[str, Contact] = {}
    for contact in contacts:
        firsts.setdefault(contact.id, contact)  # a duplicated id (a loader error) keeps its first record
    unique = [firsts[cid] for cid in sorted(firsts)]  # drawing order independent of input order
    geo = map_layout(unique, max_width=max_width)
    inner_w = max(geo.width, min(max_width - 2 * MARGIN, 720.0))
    legend, legend_h = _legend(unique, lab, inner_w, MARGIN, MARGIN)
    top = MARGIN + legend_h + 18
    by_id = {c.id: c for c in unique}
    parts = [legend]
    parts.append('<g class="ap-reporting" stroke="#546e7a" stroke-width="1.5" fill="none">')
    parts.extend(line(x1 + MARGIN, y1 + top, x2 + MARGIN, y2 + top) for x1, y1, x2, y2 in geo.segs)
    parts.append("</g>")
    parts.append(_dotted(geo, unique, MARGIN, top))
    for c in unique:
        x, y = geo.cards[c.id]
        tip = _tooltip(c, by_id, owners_by_id, lab)
        parts.append(_card(c, x + MARGIN, y + top, tip, owners_by_id, lab, (href_for or {}).get(c.id)))
    left = sum(1 for c in unique if c.left)
    desc = lab["map.desc"].format(n=len(unique), left=left)
    return core.document(
        "relationship-map", inner_w + 2 * MARGIN, top + geo.height + MARGIN, lab["map.title"], desc, parts
    )


def map_layout(contacts: Sequence[Contact], *, max_width: float = 1200) -> MapLayout:
    """Card positions for ``contacts`` within ``max_width`` (relative to the map area); used by tests too."""
    roots, children = forest(contacts)
    return layout(roots, children, max_width - 2 * MARGIN)
