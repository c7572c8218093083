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

from . import card, core
from .core import SUPPORT_COLOURS, SUPPORT_SYMBOLS, line, num, rect, text_el
from .labels import LEVELS, ROLES, Labels, merged
from .layout import CARD_H, CARD_W, MapLayout, layout

MARGIN = 16.0
DOTTED = "#7b5ea7"


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


def _tooltip(c: Contact, by_id: Mapping[str, Contact], owners: Mapping[str, Person], lab: Mapping[str, str]) -> str:
    def names_of(ids: Sequence[str]) -> str:
        # Only people on this map: an id naming nobody here (dangling, or a contact the profile
        # hides) shows nothing, never the raw id.
        return lab["list"].join(core.clean(by_id[cid].name) for cid in dict.fromkeys(ids) if cid in by_id)

    owner_names = [core.clean(owners[o].name) if o in owners else o for o in c.owners]
    colon = lab["colon"]  # "：" in Chinese
    lines = [
        f"{core.clean(c.name)} — {core.clean(c.title)}",
        f"{lab['field.department']}{colon}{core.clean(c.department)} · {lab['field.level']}{colon}"
        f"{lab.get('level.' + c.level, c.level)}",
        f"{lab['field.role']}{colon}{lab.get('role.' + c.role, c.role)}",
        f"{lab['field.support']}{colon}{core.shown(c.support)} {lab.get(f'support.{c.support}', '')} · "
        f"{lab['field.intimacy']}{colon}{core.shown(c.intimacy)} {lab.get(f'intimacy.{c.intimacy}', '')} · "
        f"{lab['field.influence']}{colon}{c.influence} {lab.get(f'influence.{c.influence}', '')}",
        f"{lab['field.owners']}{colon}{lab['list'].join(owner_names) or lab['field.none']}",
    ]
    if c.knows:
        known = [f"{core.clean(owners[k.person].name) if k.person in owners else k.person} {core.shown(k.strength)}"
                 for k in c.knows]
        lines.append(f"{lab['field.knows']}{colon}{lab['list'].join(known)}")
    if c.favours:
        lines.append(f"⚔ {lab['field.favours']}{colon}{core.clean(c.favours)}")
    if c.coach:
        lines.append(lab["field.coach"])
    if boss := names_of([c.reports_to] if c.reports_to else []):
        lines.append(f"{lab['field.reports_to']}{colon}{boss}")
    if dotted := names_of(c.dotted_to):
        lines.append(f"{lab['field.dotted_to']}{colon}{dotted}")
    if c.left:
        lines.append(f"{lab['field.left']}{colon}{c.left.isoformat()}")
    return "\n".join(lines)


def _dotted(geo: MapLayout, contacts: Sequence[Contact], dx: float, dy: float) -> tuple[str, str]:
    """Informal lines: dashed curves from the dotted-line manager to the person.

    Returns (lines, ends). The lines go under the cards so they never cross a name; the
    ends, small dots drawn over the cards' edges, show where each line really starts and
    stops (a line disappearing behind a card would otherwise seem to connect it). Lines
    leave and enter at three quarters of the card width, away from the solid connectors.
    """
    out: list[str] = []
    ends: list[str] = []
    by_id = {c.id: c for c in contacts}
    for c in contacts:
        if c.id not in geo.cards:
            continue
        for boss in dict.fromkeys(c.dotted_to):  # de-duplicated, order kept
            if boss == c.id or boss not in geo.cards:
                continue
            bx, by = geo.cards[boss]
            cx, cy = geo.cards[c.id]
            x1, x2 = bx + CARD_W * 0.75 + dx, cx + CARD_W * 0.75 + dx
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
            style = core.styled(class_="ap-dotted", fill="none", stroke=DOTTED, stroke_width=1.6,
                                stroke_dasharray="6 4")
            out.append(f'<path d="{d}"{style}>{core.title_el(tip)}</path>')
            ends.extend(core.circle(x, y, 3, fill=DOTTED, stroke="#ffffff") for x, y in ((x1, y1), (x2, y2)))
    return "".join(out), "".join(ends)


def _legend(
    contacts: Sequence[Contact], lab: Mapping[str, str], width: float, x0: float, y0: float, marks: core.Symbols
) -> tuple[str, float]:
    """Every mark the map uses, explained; roles only for those that occur, in the schema's order."""
    items: list[core.LegendItem] = []
    head = lab["legend.support"] + ":"
    head_w = core.text_width(head, 12, bold=True)
    entries = [(s, lab.get(f"support.{s}", str(s))) for s in range(1, 6)]
    if any(c.support is None for c in contacts):  # "?": not known yet, explained only where it occurs
        entries.append((0, lab.get("support.None", "unknown")))
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
                    fill=card.symbol_fill(level),
                )
            )
            out.append(text_el(x + 26, y + 15, name, size=12))
            x += 26 + core.text_width(name, 12) + 12
        return "".join(out)

    items.append((support_w, support))
    text = lab["legend.intimacy"]
    items.append(
        (
            48 + core.text_width(text, 12),
            lambda x, y: card.placed_dots(marks, x + 40, y + 11, 3) + text_el(x + 48, y + 15, text, size=12),
        )
    )
    infl = lab["legend.influence"]

    def influence(x: float, y: float) -> str:
        out = [
            rect(x + 2 + i * 24, y + 3, 18, 16, rx=3, fill="#ffffff", stroke="#37474f", stroke_width=card.BORDER[lv])
            for i, lv in enumerate((1, 3, 5))
        ]
        return "".join(out) + text_el(x + 76, y + 15, infl, size=12)

    items.append((76 + core.text_width(infl, 12), influence))
    coach = lab["legend.coach"]
    items.append(
        (
            24 + core.text_width(coach, 12),
            lambda x, y: card.placed_star(marks, x + 9, y + 11) + text_el(x + 24, y + 15, coach, size=12),
        )
    )
    present = {c.role for c in contacts}
    for role in (r for r in ROLES if r in present):
        abbr, name = lab.get(f"role.{role}.abbr", role), lab.get(f"role.{role}", role)
        pill_w = card.pill_width(abbr, 70)

        def draw_role(
            x: float, y: float, abbr: str = abbr, name: str = name, role: str = role, pw: float = pill_w
        ) -> str:
            return card.placed_pill(marks, x, y + 3, abbr, dark=role in DECIDING_ROLES, max_w=70)[0] + text_el(
                x + pw + 5, y + 15, name, size=12
            )

        items.append((pill_w + 5 + core.text_width(name, 12), draw_role))
    chip_text = lab["legend.owner"]
    items.append(
        (
            32 + core.text_width(chip_text, 12),
            lambda x, y: card.chip(marks, x, y + 4, "AB", chip_text, {}) + text_el(x + 32, y + 15, chip_text, size=12),
        )
    )
    left = lab["legend.left"]
    items.append(
        (
            38 + core.text_width(left, 12),
            lambda x, y: (
                f'<g opacity="{card.LEFT_OPACITY}">'
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


def _label(x: float, y: float, text: str) -> str:
    """A legend entry's text, on the entry's baseline."""
    return text_el(x, y + 15, text, size=12)


def relationship_map(
    contacts: Sequence[Contact],
    owners_by_id: Mapping[str, Person],
    labels: Labels | None = None,
    *,
    max_width: float = 1000,
    href_for: Mapping[str, str] | None = None,
    id_prefix: str = "contact-",
) -> str:
    """The account's relationship map as SVG text.

    ``owners_by_id`` maps roster ids to our people (for the initials chips); ``labels``
    gives the legend and tooltip text (English by default, :data:`labels.ZH` for Chinese).
    Each card is a link target with the id ``id_prefix + contact id``; ``href_for``
    optionally makes a card a link (e.g. to its row in a table, which then needs another
    id prefix, since an HTML page may use an id once). Width is capped at ``max_width``;
    a big organization grows downwards instead. The default of 1000 px keeps the text
    near 1:1 in Material's content column on a laptop screen; more width means a shorter
    map but smaller text once the page shrinks it.
    """
    lab = merged(labels)
    firsts: dict[str, Contact] = {}
    for contact in contacts:
        firsts.setdefault(contact.id, contact)  # a duplicated id (a loader error) keeps its first record
    unique = [firsts[cid] for cid in sorted(firsts)]  # drawing order independent of input order
    geo = map_layout(unique, max_width=max_width)
    inner_w = max(geo.width, min(max_width - 2 * MARGIN, 720.0))
    marks = core.Symbols(id_prefix + "_")  # "_" is in no contact id: no symbol id can clash with a card's
    legend, legend_h = _legend(unique, lab, inner_w, MARGIN, MARGIN, marks)
    top = MARGIN + legend_h + 18
    by_id = {c.id: c for c in unique}
    parts = [legend]
    parts.append(f'<g{core.attrs(class_="ap-reporting", stroke="#546e7a", stroke_width=1.5, fill="none")}>')
    parts.extend(line(x1 + MARGIN, y1 + top, x2 + MARGIN, y2 + top) for x1, y1, x2, y2 in geo.segs)
    parts.append("</g>")
    dotted, ends = _dotted(geo, unique, MARGIN, top)
    parts.append(dotted)
    for c in unique:
        x, y = geo.cards[c.id]
        tip = _tooltip(c, by_id, owners_by_id, lab)
        href = (href_for or {}).get(c.id)
        parts.append(card.card(c, x + MARGIN, y + top, tip, owners_by_id, lab, anchor=id_prefix + c.id, href=href,
                               marks=marks))
    parts.append(ends)
    left = sum(1 for c in unique if c.left)
    desc = lab["map.desc"].format(n=len(unique), left=left)
    return core.document(
        "relationship-map", inner_w + 2 * MARGIN, top + geo.height + MARGIN, lab["map.title"], desc, parts,
        defs=marks.defs(),
    )


def map_layout(contacts: Sequence[Contact], *, max_width: float = 1000) -> MapLayout:
    """Card positions for ``contacts`` within ``max_width`` (relative to the map area); used by tests too."""
    roots, children = forest(contacts)
    return layout(roots, children, max_width - 2 * MARGIN)
