"""Run one command as a child process and report its wall time and peak memory as JSON.

    python -m tests.bench.measure --log FILE -- COMMAND ARGS...

prints ``{"seconds": ..., "cpu_seconds": ..., "max_rss_mb": ..., "returncode": ...}``. The
command runs in a process of its own, so each measure is clean: nothing imported or cached by
the harness counts, and ``ru_maxrss`` of this wrapper's children is the command's own peak (its
process pool workers included, each measured separately by the kernel: the largest counts).
``cpu_seconds`` is the user and system time of the command and every child it waited for
(pool workers, git): on a machine shared with other work it moves far less than wall time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command after ``--``; the JSON report goes to stdout, the command's output to ``--log``."""
    p = argparse.ArgumentParser(prog="python -m tests.bench.measure")
    p.add_argument("--log", default="/dev/null", help="file for the command's stdout and stderr")
    p.add_argument("command", nargs=argparse.REMAINDER)
    args = p.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    with open(args.log, "ab") as log:
        start = time.perf_counter()
        done = subprocess.run(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL, check=False)
        seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
                      "max_rss_mb": usage.ru_maxrss / 1024, "returncode": done.returncode}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
