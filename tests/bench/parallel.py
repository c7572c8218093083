"""Does the process pool pay? Cold loading, serial against the pool at several chunk sizes.

    python -m tests.bench.parallel [--sizes 10,100,1000]

Each figure is one fresh child process loading a corpus without cache (the median of
``--runs``); the result sets ``PARALLEL_THRESHOLD`` and ``CHUNKSIZE`` in
``generator/load/portfolio.py``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from collections.abc import Sequence

from .__main__ import corpus
from .site import ENV, REPO

SNIPPET = """
import sys, time
from generator.load import portfolio
portfolio.CHUNKSIZE = int(sys.argv[3])
portfolio.PARALLEL_THRESHOLD = 1
t = time.perf_counter(); portfolio.load_portfolio(sys.argv[1], jobs=int(sys.argv[2])); print(time.perf_counter() - t)
"""


def seconds(accounts: str, jobs: int, chunksize: int, runs: int) -> float:
    """Median load time in fresh processes."""
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", SNIPPET, accounts, str(jobs), str(chunksize)], env=ENV,
                              cwd=REPO, capture_output=True, text=True, check=True)
        times.append(float(done.stdout.strip()))
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    """Print serial and pooled load times per corpus size."""
    p = argparse.ArgumentParser(prog="python -m tests.bench.parallel")
    p.add_argument("--sizes", default="10,100,1000")
    p.add_argument("--chunks", default="64,256,1024")
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args(argv)
    chunks = [int(c) for c in args.chunks.split(",")]
    print(f"{'N':>6} {'files':>7} {'serial s':>9} " + " ".join(f"{'pool/' + str(c):>10}" for c in chunks))
    for n in (int(s) for s in args.sizes.split(",")):
        accounts = corpus(n, 1)
        serial = seconds(accounts, 1, 64, args.runs)
        pooled = [seconds(accounts, 2, c, args.runs) for c in chunks]
        print(f"{n:>6} {1 + 61 * n:>7} {serial:>9.2f} " + " ".join(f"{s:>10.2f}" for s in pooled), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
