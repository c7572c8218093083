"""A compact org-chart layout that stays readable with many people.

Plain tidy trees grow as wide as their widest level; past ~30 people that no longer fits
a page. This layout caps the width instead and lets the height grow:

* a manager with a few reports sits centred above them (the classic tree);
* a manager whose reports are all leaves, four or more, gets them stacked in columns
  beneath, each column hanging from a vertical line;
* when the reports' subtrees side by side would pass the width cap, they wrap into
  rows hanging from a trunk on the left, like an indented outline.

The result is geometry only (card positions and line segments), so tests can check that
no two cards overlap and no line runs through a card.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

CARD_W = 188.0
CARD_H = 80.0
H_GAP = 20.0
"""Between sibling subtrees."""
V_GAP = 40.0
"""Between a manager's card and its reports; the connecting bus runs in the middle."""
INDENT = 28.0
"""Room left of stacked or wrapped reports for the vertical line they hang from."""
STACK_GAP = 14.0
"""Between cards stacked in one column."""
STACK_FROM = 4
"""A manager with this many leaf reports or more gets them in columns."""
PER_COLUMN = 4

Segment = tuple[float, float, float, float]


@dataclass
class Block:
    """A laid-out subtree: its size, where its root card's centre is, and its contents."""

    w: float
    h: float
    ax: float
    cards: list[tuple[str, float, float]] = field(default_factory=list)
    segs: list[Segment] = field(default_factory=list)

    def put(self, other: Block, dx: float, dy: float) -> None:
        """Copy ``other`` into this block at offset (dx, dy)."""
        self.cards.extend((cid, x + dx, y + dy) for cid, x, y in other.cards)
        self.segs.extend((x1 + dx, y1 + dy, x2 + dx, y2 + dy) for x1, y1, x2, y2 in other.segs)


@dataclass(frozen=True)
class MapLayout:
    """Positions of every card (top-left corner) and the reporting-line segments."""

    width: float
    height: float
    cards: dict[str, tuple[float, float]]
    segs: tuple[Segment, ...]


def _leaf(cid: str) -> Block:
    return Block(w=CARD_W, h=CARD_H, ax=CARD_W / 2, cards=[(cid, 0.0, 0.0)])


def _row(cid: str, kids: Sequence[Block]) -> Block:
    """The classic tree: the manager centred over reports placed side by side."""
    xs: list[float] = []
    x = 0.0
    for kid in kids:
        xs.append(x)
        x += kid.w + H_GAP
    anchors = [xi + kid.ax for xi, kid in zip(xs, kids, strict=True)]
    centre = (anchors[0] + anchors[-1]) / 2
    shift = max(0.0, CARD_W / 2 - centre)
    centre += shift
    width = max(x - H_GAP + shift, centre + CARD_W / 2)
    block = Block(w=width, h=CARD_H + V_GAP + max(k.h for k in kids), ax=centre)
    block.cards.append((cid, centre - CARD_W / 2, 0.0))
    top, bus = CARD_H + V_GAP, CARD_H + V_GAP / 2
    for xi, kid in zip(xs, kids, strict=True):
        block.put(kid, xi + shift, top)
    if len(kids) == 1:
        block.segs.append((centre, CARD_H, centre, top))
        return block
    block.segs.append((centre, CARD_H, centre, bus))
    block.segs.append((anchors[0] + shift, bus, anchors[-1] + shift, bus))
    block.segs.extend((a + shift, bus, a + shift, top) for a in anchors)
    return block


def _columns(cid: str, leaves: Sequence[str], avail: float) -> Block:
    """Many leaf reports: stacked in columns under the manager, each column on its own line."""
    col_w = INDENT + CARD_W
    fitting = max(1, int((avail + H_GAP) // (col_w + H_GAP)))
    cols = min(math.ceil(len(leaves) / PER_COLUMN), fitting)
    rows = math.ceil(len(leaves) / cols)
    cols = math.ceil(len(leaves) / rows)  # 9 leaves at 4 a column: 3 columns of 3, not 4+4+1
    grid_w = cols * col_w + (cols - 1) * H_GAP
    centre = max(grid_w / 2, CARD_W / 2)
    top, bus = CARD_H + V_GAP, CARD_H + V_GAP / 2
    block = Block(w=max(grid_w, CARD_W), h=top + rows * CARD_H + (rows - 1) * STACK_GAP, ax=centre)
    block.cards.append((cid, centre - CARD_W / 2, 0.0))
    block.segs.append((centre, CARD_H, centre, bus))
    line_xs = [c * (col_w + H_GAP) + INDENT / 2 for c in range(cols)]
    block.segs.append((min(line_xs[0], centre), bus, max(line_xs[-1], centre), bus))
    for index, leaf in enumerate(leaves):
        col, row = divmod(index, rows)
        x, y = col * (col_w + H_GAP) + INDENT, top + row * (CARD_H + STACK_GAP)
        block.cards.append((leaf, x, y))
        block.segs.append((x - INDENT / 2, y + CARD_H / 2, x, y + CARD_H / 2))
    for col in range(cols):
        last = min(rows, len(leaves) - col * rows) - 1
        block.segs.append((line_xs[col], bus, line_xs[col], top + last * (CARD_H + STACK_GAP) + CARD_H / 2))
    return block


def _wrapped(cid: str, kids: Sequence[Block], avail: float) -> Block:
    """Reports too wide for one row: rows of subtrees hanging from a trunk on the left."""
    rows: list[list[Block]] = [[]]
    used = 0.0
    for kid in kids:
        if rows[-1] and used + H_GAP + kid.w > avail - INDENT:
            rows.append([])
            used = 0.0
        used += (H_GAP if rows[-1] else 0.0) + kid.w
        rows[-1].append(kid)
    trunk = INDENT / 2
    block = Block(w=CARD_W, h=0.0, ax=CARD_W / 2)
    block.cards.append((cid, 0.0, 0.0))
    y = CARD_H + V_GAP
    bus = y
    for row in rows:
        bus = y - V_GAP / 2
        x = INDENT
        last_anchor = trunk
        for kid in row:
            block.put(kid, x, y)
            last_anchor = x + kid.ax
            block.segs.append((last_anchor, bus, last_anchor, y))
            x += kid.w + H_GAP
        block.segs.append((trunk, bus, last_anchor, bus))
        block.w = max(block.w, x - H_GAP)
        y += max(k.h for k in row) + V_GAP
    block.segs.append((trunk, CARD_H, trunk, bus))
    block.h = y - V_GAP
    return block


def _subtree(
    cid: str, kids: Sequence[str], blocks: Mapping[str, Block], leaf: Mapping[str, bool], avail: float
) -> Block:
    if not kids:
        return _leaf(cid)
    if all(leaf[k] for k in kids) and len(kids) >= STACK_FROM:
        return _columns(cid, kids, avail)
    sub = [blocks[k] for k in kids]
    if sum(b.w for b in sub) + H_GAP * (len(sub) - 1) <= avail:
        return _row(cid, sub)
    if all(leaf[k] for k in kids):
        return _columns(cid, kids, avail)
    return _wrapped(cid, sub, avail)


def layout(roots: Sequence[str], children: Mapping[str, Sequence[str]], max_width: float) -> MapLayout:
    """Lay out a forest (ordered roots and ordered children) within ``max_width`` px.

    Iterative (no recursion), so a thousand-deep reporting chain cannot hit Python's
    recursion limit. Each level down gives up ``INDENT`` of width so that any group of
    reports can still wrap under its manager.
    """
    depth: dict[str, int] = {}
    order: list[str] = []
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        cid, d = stack.pop()
        depth[cid] = d
        order.append(cid)
        stack.extend((k, d + 1) for k in reversed(children.get(cid, ())))
    floor = CARD_W + INDENT
    leaf = {cid: not children.get(cid) for cid in order}
    blocks: dict[str, Block] = {}
    for cid in reversed(order):  # children before parents
        avail = max(floor, max_width - INDENT * (depth[cid] + 1))
        blocks[cid] = _subtree(cid, list(children.get(cid, ())), blocks, leaf, avail)
    return _pack([blocks[r] for r in roots], max_width)


def _pack(trees: Sequence[Block], max_width: float) -> MapLayout:
    """Shelf-pack the separate trees (and lone contacts) in rows, left to right."""
    cards: dict[str, tuple[float, float]] = {}
    segs: list[Segment] = []
    x = y = row_h = width = 0.0
    for tree in trees:
        if x > 0 and x + tree.w > max_width:
            x, y, row_h = 0.0, y + row_h + V_GAP, 0.0
        cards.update((cid, (cx + x, cy + y)) for cid, cx, cy in tree.cards)
        segs.extend((x1 + x, y1 + y, x2 + x, y2 + y) for x1, y1, x2, y2 in tree.segs)
        width = max(width, x + tree.w)
        row_h = max(row_h, tree.h)
        x += tree.w + H_GAP * 2
    return MapLayout(width=width, height=y + row_h, cards=cards, segs=tuple(segs))
