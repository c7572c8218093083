"""Score history charts: a small line chart of a few series over quarter ends, and a sparkline.

Values are 0–100 scores; ``None`` leaves a gap (the account did not exist then). Every
text placed is escaped by :mod:`.core`.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import style
from .core import circle, document, line, num, text_el

COLOURS = ("#37474f", "#1e88e5", "#8e24aa")
"""Total, dimension 1, dimension 2."""


def _y(value: float, top: float, height: float) -> float:
    return top + height - max(0.0, min(100.0, value)) / 100.0 * height


def _path(xs: Sequence[float], values: Sequence[float | None], top: float, height: float) -> list[str]:
    """Polylines through the known values, broken where one is missing."""
    runs: list[list[str]] = [[]]
    for x, v in zip(xs, values, strict=True):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(f"{num(x)},{num(_y(v, top, height))}")
    return [" ".join(r) for r in runs if r]


def score_lines(captions: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], title: str,
                desc: str) -> str:
    """A 0–100 line chart: one line per ``(name, values)``, one column per caption, legend below."""
    width, left, top, height = 420.0, 34.0, 10.0, 120.0
    step = (width - left - 14) / max(1, len(captions) - 1)
    xs = [left + i * step for i in range(len(captions))]
    body: list[str] = []
    for grid in (0, 50, 100):
        y = _y(grid, top, height)
        body.append(line(left, y, width - 10, y, stroke="#cfd8dc"))
        body.append(text_el(left - 6, y + 4, str(grid), size=10, **{"text-anchor": "end"}))
    for x, caption in zip(xs, captions, strict=True):
        body.append(text_el(x, top + height + 16, caption, size=10, **{"text-anchor": "middle"}))
    for (_, values), colour in zip(series, COLOURS, strict=False):
        for points in _path(xs, values, top, height):
            body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, v in zip(xs, values, strict=True):
            if v is not None:
                body.append(circle(x, _y(v, top, height), 3, fill=colour))
    legend_y = top + height + 34
    x = left
    for (name, _), colour in zip(series, COLOURS, strict=False):
        body.append(line(x, legend_y - 4, x + 16, legend_y - 4, stroke=colour, **{"stroke-width": 3}))
        body.append(text_el(x + 20, legend_y, name, size=11))
        x += 30 + 7 * len(name)
    return document("score-history", width, legend_y + 8, title, desc, body)


def sparkline(values: Sequence[float | None], title: str) -> str:
    """A tiny line of 0–100 values for a table cell."""
    width, height = 80.0, 20.0
    step = (width - 4) / max(1, len(values) - 1)
    xs = [2 + i * step for i in range(len(values))]
    # Plain attributes: a sparkline is one line and a dot, and a table holds a hundred of them; a <style>
    # in each would cost more than it saves.
    body = [f'<polyline points="{p}" fill="none" stroke="{COLOURS[0]}" stroke-width="1.5"/>'
            for p in _path(xs, values, 2, height - 4)]
    known = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
    if known:
        with style.plain():
            body.append(circle(known[-1][0], _y(known[-1][1], 2, height - 4), 2, fill=COLOURS[1]))
    return document("sparkline", width, height, title, title, body)
