"""Small charts for the surface of general relationships: visits per week and coverage.

``weekly_bars`` shows the method's cadence (everyone meets customers about five times a
week) against the expectation; ``coverage_grid`` shows which departments and levels we
know people in, so the gaps stand out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from . import core
from .core import GRID, INK, MUTED, text_el
from .labels import Labels, merged

MARGIN = 16.0
MET = "#0b5fa5"
BELOW = "#a9c9e8"
EXPECT = "#c4420c"


def _step(top: float) -> float:
    """A round grid step giving at most five lines up to ``top``."""
    step = 10 ** math.floor(math.log10(max(top, 1.0) / 5)) if top > 5 else 1.0
    for mult in (1, 2, 5, 10):
        if top / (step * mult) <= 5:
            return step * mult
    return step * 10


def weekly_bars(
    weeks: Sequence[str], values: Sequence[float], expectation: float | None, labels: Labels | None = None
) -> str:
    """Contacts per week as bars, with the expectation as a dashed line.

    ``weeks`` are the bar captions (e.g. ``11-02`` for the week starting 2 November);
    bars at or above the expectation are dark, those below are light with an outline,
    and every bar carries its value, so nothing depends on colour.
    """
    lab = merged(labels)
    pairs = list(zip(weeks, values, strict=False))
    # Slots only as wide as the captions need: this chart often sits in a narrow column.
    slot = max(34.0, max([core.text_width(core.clean(w), 11) for w, _ in pairs] + [0.0]) + 8)
    slot = min(slot, 64.0)
    plot_h = 150.0
    peak = max([v for _, v in pairs] + [expectation or 0.0, 1.0])
    step = _step(peak)
    top_value = math.ceil(peak / step) * step
    left = MARGIN + max(core.text_width(core.thousands(top_value), 11), 12) + 8
    expected_text = lab["weekly.expected"].format(value=core.thousands(expectation or 0))
    plot_w = slot * max(len(pairs), 1)
    # The expectation is explained in a key under the title, not at the line's end, so the
    # chart stays narrow enough for a side column.
    top = MARGIN + (50 if expectation else 30)
    bottom = top + plot_h
    title_w = core.text_width(lab["weekly.title"], 13, bold=True)
    key_w = 36 + core.text_width(expected_text, 12, bold=True) if expectation else 0.0
    width = max(left + plot_w, MARGIN + title_w, MARGIN + key_w) + MARGIN

    def y_of(v: float) -> float:
        return bottom - v / top_value * plot_h

    parts = [core.text_el(MARGIN, MARGIN + 12, lab["weekly.title"], size=13, font_weight="700")]
    for i in range(round(top_value / step) + 1):
        gy = y_of(i * step)
        parts.append(core.line(left, gy, left + plot_w, gy, stroke=GRID))
        parts.append(text_el(left - 5, gy + 4, core.thousands(i * step), size=11, text_anchor="end", fill=MUTED))
    colon = lab["colon"]
    for i, (week, value) in enumerate(pairs):
        x = left + i * slot + 8
        met = expectation is None or value >= expectation
        h = max(value / top_value * plot_h, 0.0)
        status = lab["weekly.met"] if met else lab["weekly.below"]
        tip = f"{core.clean(week)}{colon}{core.thousands(value)}" + (lab["paren"].format(text=status)
                                                                            if expectation else "")
        parts.append(
            f'<g class="ap-week">{core.title_el(tip)}'
            + core.rect(x, bottom - h, slot - 16, h, fill=MET if met else BELOW, stroke=MET)
            + text_el(x + (slot - 16) / 2, bottom - h - 4, core.thousands(value), size=11, text_anchor="middle")
            + "</g>"
        )
        parts.append(
            core.fitted_text(
                x + (slot - 16) / 2, bottom + 15, week, slot - 4, size=11, text_anchor="middle", fill=MUTED
            )
        )
    if expectation:
        ey = y_of(expectation)
        dashed = {"stroke": EXPECT, "stroke_width": 2, "stroke_dasharray": "6 4"}
        parts.append(core.line(left - 4, ey, left + plot_w + 4, ey, **dashed))
        parts.append(core.line(MARGIN, MARGIN + 30, MARGIN + 28, MARGIN + 30, **dashed))
        parts.append(text_el(MARGIN + 36, MARGIN + 34, expected_text, size=12, fill=EXPECT, font_weight="700"))
    desc = lab["weekly.desc"].format(n=len(pairs), expected=core.thousands(expectation or 0))
    return core.document("weekly", width, bottom + 24 + MARGIN, lab["weekly.title"], desc, parts)


def _blue(share: float) -> tuple[str, str]:
    """Fill and text colour for a coverage cell, light to dark blue with its count."""
    ramp = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
    index = min(len(ramp) - 1, int(share * (len(ramp) - 1) + 0.5))
    return ramp[index], "#ffffff" if index >= 4 else INK


def coverage_grid(
    rows: Sequence[str],
    cols: Sequence[str],
    counts: Mapping[tuple[str, str], int],
    labels: Labels | None = None,
    *,
    secondary: Mapping[tuple[str, str], int] | None = None,
) -> str:
    """Contacts per department (rows) × level (columns) with totals; empty cells marked as gaps.

    Column keys that name a level (``executive``, ...) are shown with the level's label.
    ``secondary`` adds a second, smaller figure per cell (e.g. activities in the window),
    described by the ``coverage.secondary`` label.
    """
    lab = merged(labels)
    headers = [lab.get(f"level.{c}", c) for c in cols] + [lab["coverage.total"]]
    # Cells only as wide as their headers (and the secondary caption) need: the grid often
    # sits in a narrow column, where every spare pixel would shrink the text.
    wanted = [core.text_width(h, 12, bold=True) + 12 for h in headers]
    if secondary:
        wanted.append(core.text_width(lab["coverage.secondary"].format(n=99), 11) + 8)
    cell_w, cell_h = min(max([56.0, *wanted]), 120.0), 40.0 if secondary else 30.0
    row_names = [core.clean(r) for r in rows]
    head_w = min(
        max([core.text_width(n, 12) for n in row_names] + [core.text_width(lab["coverage.total"], 12, bold=True)]) + 12,
        170.0,
    )
    left, top = MARGIN + head_w, MARGIN + 48
    peak = max([counts.get((r, c), 0) for r in rows for c in cols] + [1])
    parts = [
        core.fitted_text(
            MARGIN, MARGIN + 12, lab["coverage.title"], head_w + cell_w * (len(cols) + 1), size=13, bold=True
        )
    ]
    for j, name in enumerate(headers):
        parts.append(
            core.fitted_text(
                left + (j + 0.5) * cell_w, top - 6, name, cell_w - 6, size=12, text_anchor="middle", bold=j == len(cols)
            )
        )
    totals = [0] * len(cols)
    for i, (row, name) in enumerate(zip(rows, row_names, strict=True)):
        y = top + i * cell_h
        parts.append(core.fitted_text(left - 8, y + cell_h / 2 + 4, name, head_w - 12, size=12, text_anchor="end"))
        row_total = 0
        for j, col in enumerate(cols):
            n = counts.get((row, col), 0)
            totals[j] += n
            row_total += n
            extra = secondary.get((row, col), 0) if secondary else None
            parts.append(_cell(left + j * cell_w, y, cell_w, cell_h, n, peak, extra, lab))
        parts.append(_total(left + len(cols) * cell_w, y, cell_w, cell_h, row_total))
    y = top + len(rows) * cell_h
    parts.append(
        core.text_el(left - 8, y + cell_h / 2 + 4, lab["coverage.total"], size=12, text_anchor="end", font_weight="700")
    )
    for j, total in enumerate([*totals, sum(totals)]):
        parts.append(_total(left + j * cell_w, y, cell_w, cell_h, total))
    legend_y = y + cell_h + 10
    parts.append(core.rect(left, legend_y, 22, 16, fill="#fff4ef", stroke=EXPECT, stroke_dasharray="3 2"))
    parts.append(text_el(left + 28, legend_y + 12, f"0 = {lab['coverage.gap']}", size=12, fill=MUTED))
    width = left + cell_w * (len(cols) + 1) + MARGIN
    return core.document("coverage", width, legend_y + 16 + MARGIN, lab["coverage.title"], lab["coverage.desc"], parts)


def _cell(x: float, y: float, w: float, h: float, n: int, peak: int, extra: int | None, lab: dict[str, str]) -> str:
    if n == 0:
        fill, ink = "#fff4ef", EXPECT
        box = core.rect(x + 1, y + 1, w - 2, h - 2, fill=fill, stroke=EXPECT, stroke_dasharray="3 2")
    else:
        fill, ink = _blue(n / peak)
        box = core.rect(x, y, w, h, fill=fill, stroke="#ffffff")
    out = box + text_el(
        x + w / 2,
        y + (17 if extra is not None else h / 2 + 5),
        str(n),
        size=13,
        font_weight="700",
        text_anchor="middle",
        fill=ink,
    )
    if extra is not None:
        text = lab["coverage.secondary"].format(n=extra)
        out += core.fitted_text(x + w / 2, y + 32, text, w - 8, size=11, text_anchor="middle", fill=ink)
    return out


def _total(x: float, y: float, w: float, h: float, n: int) -> str:
    return core.rect(x, y, w, h, fill="#f5f5f5", stroke="#ffffff") + text_el(
        x + w / 2, y + h / 2 + 5, str(n), size=13, font_weight="700", text_anchor="middle", fill=INK
    )
