"""Print ``bench-results/latest.json`` as the Markdown table and machine line of ``docs/benchmarks.md``.

    python -m tests.bench.report [bench-results/latest.json]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .__main__ import RESULTS


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:,.0f} {unit}".strip() if unit == "MB" else f"{value:.2f}"


def markdown(data: dict[str, object]) -> str:
    """The machine and the results table in Markdown."""
    m = data["machine"]
    assert isinstance(m, dict)
    lines = [f"{m['nproc']} cores ({m['cpu']}), Python {m['python']}, {m['platform']}; run of {m['date']}.", "",
             "| benchmark | what | value | baseline | ratio | target | met? | note |",
             "|---|---|---:|---:|---:|---|---|---|"]
    results = data["results"]
    assert isinstance(results, list)
    for r in results:
        unit = r.get("unit", "s")
        met = {True: "yes", False: "**no**", None: "–"}[r["met"]]
        ratio = "–" if r["ratio"] is None else f"{r['ratio']:.2f}"
        lines.append(f"| {r['benchmark']} | {r['what']} | {_fmt(r['value'], unit)} | {_fmt(r['baseline'], unit)} "
                     f"| {ratio} | {r['target']} | {met} | {r['note']} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the Markdown."""
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else RESULTS
    print(markdown(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
