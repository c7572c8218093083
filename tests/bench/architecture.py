"""Issue 12's "no slowdown beyond noise": the whole pipeline before and after a redesign, in one command.

    python -m tests.bench.architecture --before 88a6081 [--after HEAD] [--n 100] [--runs 3]

Exports each commit's ``generator/`` and ``theme/`` with ``git archive`` under ``.cache/bench/``
(an exported tree, nothing registered in the repository; ``--after`` defaults to the working
tree), then on one corpus times, in fresh child processes and alternating before/after so load
drifts hit both alike: ``accountplan check --no-cache``, ``accountplan render --out`` (load,
validate, redact, score, render, write) and the MkDocs build with the plugin. Each figure is the
median of ``--runs``; the ratio is after / before (below 1 is faster).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

from .__main__ import WORK, corpus
from .site import ENV, REPO, TODAY, make_project


def export(commit: str) -> Path:
    """``generator/`` and ``theme/`` of ``commit``, exported once under the bench folder."""
    tree = WORK / f"tree-{commit}"
    if not (tree / ".complete").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit, "generator", "theme"], cwd=REPO, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        # Installed, ``theme/`` is the package ``generator.theme``; without it the editable install's would be found.
        shutil.copytree(tree / "theme", tree / "generator" / "theme")
        (tree / ".complete").write_text("ok\n")
    return tree


def project(tree: Path, accounts: str) -> Path:
    """A MkDocs project over ``accounts`` whose theme folder is ``tree``'s own."""
    config_file = make_project(WORK / f"project-{tree.name}", accounts, plugin=True)
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(tree / "theme")
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_file


def commands(config_file: Path, accounts: str, out: str) -> dict[str, list[str]]:
    """The timed steps, by name."""
    cli = [sys.executable, "-m", "generator", "--config", str(config_file)]
    return {
        "check --no-cache": [*cli, "check", "--no-cache"],
        "render --out": [*cli, "render", "--out", out, "--today", TODAY],
        "mkdocs build": [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)],
    }


def timed(command: list[str], tree: Path) -> float:
    """Seconds of one run of ``command`` with ``tree`` first on the import path."""
    env = {**ENV, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=tree, check=False, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode > 1:  # 1: the corpus's own findings; anything else is a failed build, not a time
        raise SystemExit(f"{' '.join(command)} failed in {tree}:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    """Print each step's median before and after, and their ratio."""
    p = argparse.ArgumentParser(prog="python -m tests.bench.architecture")
    p.add_argument("--before", required=True, help="the commit before the redesign")
    p.add_argument("--after", help="the commit after (default: the working tree)")
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    accounts = corpus(args.n, args.seed)
    trees = {"before": export(args.before), "after": export(args.after) if args.after else REPO}
    steps = {name: commands(project(tree, accounts), accounts, tempfile.mkdtemp(prefix=f"arch-{name}-"))
             for name, tree in trees.items()}
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.runs):
        for step in steps["before"]:
            for name, tree in trees.items():
                times.setdefault((step, name), []).append(timed(steps[name][step], tree))
    load = os.getloadavg()[0]
    print(f"N={args.n}, median of {args.runs}, load {load:.1f}: before = {args.before}, "
          f"after = {args.after or 'working tree'}")
    print(f"{'step':<18} {'before s':>9} {'after s':>9} {'after/before':>13}")
    for step in steps["before"]:
        before, after = (statistics.median(times[step, name]) for name in trees)
        print(f"{step:<18} {before:>9.2f} {after:>9.2f} {after / before:>12.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
