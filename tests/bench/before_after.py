"""Before/after ratios of the loader and rule optimisations, measured in one command.

    python -m tests.bench.before_after [--commit ffdfde5] [--n 1000]

Exports ``--commit`` (the code before the optimisations) with ``git archive`` under
``.cache/bench/``, then times the same steps on the same corpus with each tree on
``PYTHONPATH``, each step in a fresh child process: loading serially, loading with the
default process pool, and the AP202 rule (the reference walk every check pays).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .__main__ import WORK, corpus
from .site import ENV, REPO

SNIPPET = """
import json, sys, time, datetime as dt
from generator.config import Settings
from generator.load.portfolio import load_portfolio
from generator.rules import registry
root = sys.argv[1]
out = {}
t = time.perf_counter(); load_portfolio(root, jobs=1); out["load, serial"] = time.perf_counter() - t
t = time.perf_counter(); p = load_portfolio(root); out["load, default (pool)"] = time.perf_counter() - t
s = Settings(today=dt.date(2026, 11, 27)); rule = registry()["AP202"].check
try:  # before issue 12: rules took a Context over the whole portfolio
    from generator.rules.base import Context
    run = lambda: sum(1 for _ in rule(Context(p, s)))
except ImportError:
    run = lambda: sum(1 for d in p.dossiers for _ in rule(d, p.roster, s))
t = time.perf_counter(); n = run(); out["rule AP202"] = time.perf_counter() - t
print(json.dumps(out))
"""


def timings(tree: Path, accounts: str) -> dict[str, float]:
    """The snippet's timings with ``tree`` first on the import path."""
    env = {**ENV, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", SNIPPET, accounts], env=env, cwd=tree, capture_output=True,
                          text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Print before, after and the ratio of each step."""
    p = argparse.ArgumentParser(prog="python -m tests.bench.before_after")
    p.add_argument("--commit", default="ffdfde5", help="the code before (default: the foundation commit)")
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    accounts = corpus(args.n, args.seed)
    before_tree = WORK / f"before-{args.commit}"
    if not before_tree.exists():
        # An exported tree, not a worktree: nothing is registered in the repository.
        before_tree.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", args.commit, "generator"], cwd=REPO, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before_tree)], input=archive, check=True)
    before, after = timings(before_tree, accounts), timings(REPO, accounts)
    print(f"N={args.n}: before = {args.commit}, after = working tree")
    print(f"{'step':<24} {'before s':>9} {'after s':>9} {'speed-up':>9}")
    for step in before:
        print(f"{step:<24} {before[step]:>9.2f} {after[step]:>9.2f} {before[step] / after[step]:>8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
