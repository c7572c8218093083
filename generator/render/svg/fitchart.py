"""The portfolio's strategic fit × sales chart: where to invest, and which accounts are cash cows.

Strategic fit is a 1–5 integer, so many accounts share a column; each point is spread
sideways by a stable hash of its name (``zlib.crc32``, not ``hash()``, which changes per
process) so the chart is the same on every build. Sales use a log scale when they span
more than a factor of 20, else linear; accounts without sales sit in a strip below.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from . import core
from .core import GRID, INK, MUTED, TIER_COLOURS, num, text_el
from .labels import Labels, merged

MARGIN = 16.0
PLOT_W = 840.0
PLOT_H = 440.0
RIGHT = 100.0
"""Room right of the plot where names of high-fit accounts may run."""
STRIP = 34.0
"""The 'no sales' strip under a log-scale plot."""
MAX_LABELS = 60
"""Past this, only the largest accounts get a name on the chart; all keep their tooltip."""


@dataclass(frozen=True)
class FitPoint:
    """One account on the chart."""

    name: str
    fit: int
    sales: float | None
    tier: str
    cash_cow: bool = False
    trend: str | None = None
    """converging, stable or diverging."""
    href: str | None = None


Rect = tuple[float, float, float, float]


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _jitter(name: str) -> float:
    """A stable offset in [-0.3, 0.3] of a fit unit."""
    return (zlib.crc32(name.encode("utf-8")) % 1000) / 1000 * 0.6 - 0.3


def _scale(values: Sequence[float]) -> tuple[bool, float, float, list[float]]:
    """(log?, low, high, ticks) for the sales axis."""
    positive = [v for v in values if v > 0]
    if positive and max(positive) / min(positive) > 20:
        low = 10 ** math.floor(math.log10(min(positive)))
        high = 10 ** math.ceil(math.log10(max(positive)))
        decades = round(math.log10(high / low))
        steps = (1.0, 2.0, 5.0) if decades <= 3 else (1.0,)
        ticks = [low * 10**d * s for d in range(decades + 1) for s in steps if low * 10**d * s <= high]
        return True, low, high, ticks
    top = max(values, default=0.0) or 1.0
    step = 10 ** math.floor(math.log10(top / 5))
    for mult in (1, 2, 2.5, 5, 10):
        if top / (step * mult) <= 6:
            step *= mult
            break
    high = math.ceil(top / step) * step
    return False, 0.0, high, [i * step for i in range(round(high / step) + 1)]


def fit_revenue_chart(points: Sequence[FitPoint], labels: Labels | None = None, *, unit: str = "") -> str:
    """Accounts by strategic fit (x) and latest sales (y), coloured by tier, cash cows as ▼.

    ``unit`` (e.g. a currency code) is appended to the sales axis title.
    """
    lab = merged(labels)
    pts = sorted(points, key=lambda p: (-(p.sales or 0), core.clean(p.name).casefold(), p.tier))
    sales = [p.sales for p in pts if p.sales is not None]
    log, low, high, ticks = _scale(sales)
    tick_text = [core.thousands(t) for t in ticks]
    left = MARGIN + max([core.text_width(t, 12) for t in tick_text] + [core.text_width(lab["fit.no_sales"], 12)]) + 8
    legend, legend_h = _legend(lab, pts, left, MARGIN, PLOT_W)
    title = lab["axis.sales"] + (lab["paren"].format(text=unit) if unit else "") + " ↑"
    top = MARGIN + legend_h + 34
    bottom = top + PLOT_H
    strip = any(p.sales is None or (log and p.sales <= 0) for p in pts)

    def y_of(v: float) -> float:
        if log:
            return bottom - (math.log10(v) - math.log10(low)) / (math.log10(high) - math.log10(low)) * PLOT_H
        return bottom - (v - low) / (high - low) * PLOT_H

    def x_of(fit: float) -> float:
        return left + (fit - 0.5) / 5 * PLOT_W

    parts = [
        legend,
        text_el(MARGIN, top - 12, title, size=13, font_weight="700"),
        core.rect(left, top, PLOT_W, PLOT_H, fill="#ffffff", stroke="#90a4ae"),
    ]
    for tick, text in zip(ticks, tick_text, strict=True):
        ty = y_of(tick)
        parts.append(core.line(left, ty, left + PLOT_W, ty, stroke=GRID))
        parts.append(text_el(left - 6, ty + 4, text, size=12, text_anchor="end", fill=MUTED))
    for fit in range(1, 6):
        gx = x_of(fit + 0.5)
        if fit < 5:
            parts.append(core.line(gx, top, gx, bottom + (STRIP if strip else 0), stroke=GRID, stroke_dasharray="3 3"))
        parts.append(
            core.fitted_text(
                x_of(fit),
                bottom + (STRIP if strip else 0) + 18,
                f"{fit} {lab.get(f'fit.{fit}', '')}",
                PLOT_W / 5 - 8,
                size=12,
                text_anchor="middle",
            )
        )
    if strip:
        parts.append(core.rect(left, bottom, PLOT_W, STRIP, fill="#f5f5f5", stroke="#90a4ae"))
        parts.append(
            text_el(left - 6, bottom + STRIP / 2 + 4, lab["fit.no_sales"], size=12, text_anchor="end", fill=MUTED)
        )
    axis_y = bottom + (STRIP if strip else 0) + 40
    parts.append(
        text_el(left + PLOT_W / 2, axis_y, lab["axis.fit"] + " →", size=13, font_weight="700", text_anchor="middle")
    )
    placed: list[tuple[FitPoint, float, float]] = []
    for p in pts:
        px = x_of(min(5, max(1, p.fit)) + _jitter(p.name))
        on_plot = p.sales is not None and (p.sales > 0 or not log)
        py = y_of(p.sales) if on_plot and p.sales is not None else bottom + STRIP / 2
        placed.append((p, px, py))
    parts.append(_marks(placed, lab, (left, top, left + PLOT_W + RIGHT, bottom + (STRIP if strip else 0))))
    desc = lab["fit.desc"].format(n=len(pts), scale=lab["fit.log"] if log else lab["fit.linear"])
    return core.document("fit-chart", left + PLOT_W + RIGHT + MARGIN, axis_y + MARGIN, lab["fit.title"], desc, parts)


def _marks(placed: Sequence[tuple[FitPoint, float, float]], lab: dict[str, str], frame: Rect) -> str:
    """Points, trend arrows and names; a name goes where it hits no other name or point."""
    obstacles: list[Rect] = [(x - 8, y - 8, x + 8, y + 8) for _, x, y in placed]
    out: list[str] = []
    colon = lab["colon"]
    for p, x, y in placed:
        direction = {"converging": 1, "diverging": -1}.get(p.trend or "", 0)
        if direction:
            obstacles.append((min(x, x + 24 * direction), y - 5, max(x, x + 24 * direction), y + 5))
    for rank, (p, x, y) in enumerate(placed):
        name = core.clean(p.name)
        tier = TIER_COLOURS.get(p.tier, "#757575")
        sales = core.thousands(p.sales) if p.sales is not None else "—"
        tip = (f"{name}\n{lab.get('tier.' + p.tier, p.tier)} · {lab['axis.fit']}{colon}{p.fit} · "
               f"{lab['axis.sales']}{colon}{sales}")
        if p.trend:
            tip += f" · {lab['legend.trend']}{colon}{lab.get('trend.' + p.trend, p.trend)}"
        if p.cash_cow:
            tip += f"\n{lab['legend.cash_cow']}"
        group = [f'<g class="ap-account">{core.title_el(tip)}']
        group.append(core.link_open(p.href))
        direction = {"converging": 1, "diverging": -1}.get(p.trend or "", 0)
        if direction:
            group.append(_arrow(x + 9 * direction, y, direction))
        group.append(_shape(x, y, tier, p.cash_cow))
        if rank < MAX_LABELS:
            group.append(_label(name, x, y, obstacles, frame))
        group.append(core.link_close(p.href))
        group.append("</g>")
        out.append("".join(group))
    return "".join(out)


def _label(name: str, x: float, y: float, obstacles: list[Rect], frame: Rect) -> str:
    shown, _ = core.fit(name, 150, 12)
    w = core.text_width(shown, 12)
    right = [
        (x + 10, y + 4 + dy, "start", (x + 10, y - 9 + dy, x + 10 + w, y + 6 + dy)) for dy in (0, -12, 12, -22, 22)
    ]
    left = [(x - 10, y + 4 + dy, "end", (x - 10 - w, y - 9 + dy, x - 10, y + 6 + dy)) for dy in (0, -12, 12, -22, 22)]
    candidates = [
        right[0],
        left[0],
        (x, y - 12, "middle", (x - w / 2, y - 24, x + w / 2, y - 9)),
        (x, y + 22, "middle", (x - w / 2, y + 10, x + w / 2, y + 25)),
        right[1],
        left[1],
        right[2],
        left[2],
        right[3],
        left[3],
        right[4],
        left[4],
    ]
    for tx, ty, anchor, box in candidates:
        inside = frame[0] + 2 <= box[0] and box[2] <= frame[2] - 2 and frame[1] <= box[1] and box[3] <= frame[3]
        if inside and not any(_overlaps(box, o) for o in obstacles):
            obstacles.append(box)
            return text_el(tx, ty, shown, size=12, text_anchor=anchor, fill=INK)
    return ""  # no free spot: the tooltip and the page's table still name it


def _shape(x: float, y: float, fill: str, cash_cow: bool) -> str:
    if cash_cow:  # a downward triangle: investment shrinking step by step
        d = f"M{num(x - 8)},{num(y - 6)}L{num(x + 8)},{num(y - 6)}L{num(x)},{num(y + 8)}Z"
        return core.path(d, fill=fill, stroke=INK, stroke_width=1.5)
    return core.circle(x, y, 6.5, fill=fill, stroke="#ffffff", stroke_width=1.5)


def _arrow(x: float, y: float, direction: int) -> str:
    """A short arrow towards higher fit (converging) or lower fit (diverging)."""
    end = x + 14 * direction
    head = f"M{num(end)},{num(y)}l{num(-5 * direction)},-4v8Z"
    return core.line(x, y, end, y, stroke=MUTED, stroke_width=1.6) + core.path(head, fill=MUTED)


def _legend(lab: dict[str, str], pts: Sequence[FitPoint], x: float, y: float, width: float) -> tuple[str, float]:
    items: list[core.LegendItem] = []
    head = lab["legend.tier"] + ":"
    items.append(
        (core.text_width(head, 12, bold=True), lambda lx, ly: text_el(lx, ly + 15, head, size=12, font_weight="700"))
    )
    for tier in sorted({p.tier for p in pts} | set("SABC"), key=lambda t: ("SABC".find(t) % 9, t)):
        text = lab.get(f"tier.{tier}", tier)
        colour = TIER_COLOURS.get(tier, "#757575")

        def draw(lx: float, ly: float, text: str = text, colour: str = colour) -> str:
            return _shape(lx + 7, ly + 11, colour, False) + text_el(lx + 18, ly + 15, text, size=12)

        items.append((18 + core.text_width(text, 12), draw))
    cow = lab["legend.cash_cow"]
    items.append(
        (
            22 + core.text_width(cow, 12),
            lambda lx, ly: _shape(lx + 8, ly + 10, "#ffffff", True) + text_el(lx + 22, ly + 15, cow, size=12),
        )
    )
    for trend, direction in (("converging", 1), ("diverging", -1)):
        text = lab[f"trend.{trend}"]

        def draw_trend(lx: float, ly: float, text: str = text, d: int = direction) -> str:
            start = lx + (2 if d > 0 else 18)
            return _arrow(start, ly + 11, d) + text_el(lx + 24, ly + 15, text, size=12)

        items.append((24 + core.text_width(text, 12), draw_trend))
    return core.flow(items, x, y, width)
