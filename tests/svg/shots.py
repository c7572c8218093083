"""Look at the charts: write an HTML page per case to /tmp and screenshot it with headless Chromium.

Run ``.venv/bin/python -m tests.svg.shots [name ...]``; PNGs land in /tmp/svgshots/. Not a test:
a helper for a human (or reviewer) to see what readers will see.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys
from collections.abc import Callable

from generator.render.svg import (
    ZH,
    coverage_grid,
    fit_revenue_chart,
    intimacy_support_matrix,
    relationship_map,
    weekly_bars,
)
from tests.svg.sample import LEVELS, OWNERS, org, portfolio

OUT = pathlib.Path("/tmp/svgshots")
PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body{{margin:0;background:#fff;font-family:system-ui}} main{{max-width:{width}px;margin:16px auto;margin-top:{top}px}}
</style></head><body><main>{svg}</main></body></html>"""


def cases() -> dict[str, Callable[[], tuple[str, int]]]:
    """Each case: SVG text and the content width to show it at."""
    return {
        "map25": lambda: (relationship_map(org(), OWNERS), 1200),
        "map60": lambda: (relationship_map(org((1, 5, 14, 37), extra_roots=3), OWNERS), 1000),
        "map25zh": lambda: (relationship_map(org(), OWNERS, ZH), 1200),
        "matrix25": lambda: (intimacy_support_matrix(org()), 1100),
        "fit": lambda: (fit_revenue_chart(portfolio(), unit="EUR"), 1100),
        "fitzh": lambda: (fit_revenue_chart(portfolio(12), ZH), 1100),
        "weekly": lambda: (weekly_bars(WEEKS, [3, 5, 6, 2, 0, 4, 7, 5, 5, 1, 3, 12], 5), 900),
        "weeklyzh": lambda: (weekly_bars(WEEKS, [3, 5, 6, 2, 0, 4, 7, 5, 5, 1, 3, 12], 5, ZH), 900),
        "coverage": lambda: (coverage_grid(*_coverage(), secondary={("Finance", "staff"): 4}), 900),
        "coveragezh": lambda: (coverage_grid(*_coverage(), ZH), 900),
        "matrix60zh": lambda: (intimacy_support_matrix(org((1, 5, 14, 37), extra_roots=3), ZH), 1100),
    }


WEEKS = [
    f"{m:02d}-{d:02d}"
    for m, d in (
        (9, 7),
        (9, 14),
        (9, 21),
        (9, 28),
        (10, 5),
        (10, 12),
        (10, 19),
        (10, 26),
        (11, 2),
        (11, 9),
        (11, 16),
        (11, 23),
    )
]


def _coverage() -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
    people = org((1, 5, 14, 37), extra_roots=3)
    rows = sorted({c.department for c in people})
    counts: dict[tuple[str, str], int] = {}
    for c in people:
        counts[c.department, c.level] = counts.get((c.department, c.level), 0) + 1
    return rows, list(LEVELS), counts


def shoot(name: str, svg: str, width: int, height: int = 1000, top: int = 16) -> pathlib.Path:
    """Write the page and its screenshot; returns the PNG path."""
    OUT.mkdir(exist_ok=True)
    html = OUT / f"{name}.html"
    html.write_text(PAGE.format(width=width, svg=svg, top=top), encoding="utf-8")
    png = OUT / f"{name}.png"
    browser = shutil.which("chromium") or "chromium"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--hide-scrollbars",
            f"--screenshot={png}",
            f"--window-size={width + 40},{height}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return png


def main(names: list[str]) -> None:
    """Shoot the named cases (all when none given); ``name@Y`` shoots 1000 px from y=Y at full size."""
    wanted = dict(n.partition("@")[::2] for n in names)
    for name, make in cases().items():
        if wanted and name not in wanted:
            continue
        svg, width = make()
        if wanted.get(name):
            print(shoot(f"{name}-{wanted[name]}", svg, width, 1000, top=-int(wanted[name])))
            continue
        height = int(float(svg.split('height="', 1)[1].split('"', 1)[0])) + 40
        print(shoot(name, svg, width, min(height, 4000)))


if __name__ == "__main__":
    main(sys.argv[1:])
