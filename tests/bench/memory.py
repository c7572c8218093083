"""Where a build's memory goes: ``mkdocs build`` in this process, its RSS sampled per plugin event.

    python -m tests.bench.memory -f mkdocs.yml [--publish] [--trace] [--top 25]

A thread reads this process's resident set (and its forked page workers') every 50 ms and
keeps the peak of each stretch between two MkDocs events (``files``, ``page_read_source``, …,
``post_build``), so the table shows in which stage the peak is reached. With ``--trace``,
:mod:`tracemalloc` is on (the build runs about twice as slowly) and the largest allocation
sites are printed at the end of ``on_files``, when the first page is written, and at
``on_post_build`` — what holds the memory at each of these points. For finding causes, not a
benchmark: the figures of record come from :mod:`tests.bench.measure` (``ru_maxrss``).
With ``--publish`` the build is ``accountplan build -q --fail-on never`` (the path that carries the
previous build's site and memos: P2's merge build) instead of ``mkdocs build``. The table also gives
the CPU seconds of this process spent in each stage.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
import time
import tracemalloc
from collections.abc import Sequence
from typing import Any


def rss_mb(pid: int | str = "self") -> float:
    """Resident set of a process in MB (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children() -> list[int]:
    """Direct child processes of this one (the page workers)."""
    found: list[int] = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children", encoding="ascii") as handle:
                found += [int(p) for p in handle.read().split()]
        except OSError:
            pass
    return found


class Sampler(threading.Thread):
    """Peak RSS of this process and of its largest child, per stage."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stage = "start"
        self.order: list[str] = ["start"]
        self.peaks: dict[str, tuple[float, float]] = {"start": (0.0, 0.0)}
        self.cpu: dict[str, float] = {"start": 0.0}
        self.since = time.process_time()
        self.running = True

    def enter(self, stage: str) -> None:
        if stage != self.stage:
            now = time.process_time()
            self.cpu[self.stage] = self.cpu.get(self.stage, 0.0) + now - self.since
            self.since = now
            self.stage = stage
            if stage not in self.peaks:
                self.order.append(stage)
                self.peaks[stage] = (0.0, 0.0)

    def run(self) -> None:
        while self.running:
            main = rss_mb()
            worker = max((rss_mb(p) for p in children()), default=0.0)
            old = self.peaks[self.stage]
            self.peaks[self.stage] = (max(old[0], main), max(old[1], worker))
            time.sleep(0.05)


def top(label: str, count: int) -> None:
    """The largest allocation sites now (by traceback of 6 frames, grouped by the innermost project frame)."""
    gc.collect()
    snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    stats = snapshot.statistics("traceback")
    total = sum(s.size for s in stats)
    print(f"\n== {label}: {total / 2**20:.1f} MB traced, RSS {rss_mb():.0f} MB", file=sys.stderr)
    for stat in stats[:count]:
        frames = [f"{os.path.relpath(f.filename)}:{f.lineno}" for f in stat.traceback
                  if "site-packages" not in f.filename or f is stat.traceback[-1]]
        print(f"{stat.size / 2**20:8.1f} MB {stat.count:8d}  " + " < ".join(reversed(frames[-4:])), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the project with the sampler (and tracemalloc) on; print the table."""
    p = argparse.ArgumentParser(prog="python -m tests.bench.memory")
    p.add_argument("-f", "--config-file", required=True)
    p.add_argument("--trace", action="store_true", help="tracemalloc: the largest allocation sites at three points")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--publish", action="store_true", help="accountplan build (carried site, memos), not mkdocs build")
    args = p.parse_args(argv)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    if args.trace:
        tracemalloc.start(8)
    sampler = Sampler()
    sampler.start()
    original = PluginCollection.run_event
    seen: set[str] = set()

    def run_event(self: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
        if args.trace and name in ("post_build", "post_page") and name not in seen:
            top(f"before on_{name}", args.top)
        seen.add(name)
        sampler.enter(name)
        result = original(self, name, item, **kwargs)
        if args.trace and name == "files":
            top("after on_files", args.top)
        return result

    PluginCollection.run_event = run_event  # type: ignore[method-assign]
    start = time.perf_counter()
    if args.publish:
        from generator.cli import main as accountplan

        accountplan(["--config", args.config_file, "build", "-q", "--fail-on", "never"])
    else:
        build(load_config(args.config_file))
    sampler.enter("end")
    sampler.running = False
    sampler.join()
    print(f"\nbuilt in {time.perf_counter() - start:.1f} s; peak RSS per stage (MB): main, largest worker; "
          "CPU s of this process", file=sys.stderr)
    for stage in sampler.order[:-1]:
        main_mb, worker_mb = sampler.peaks[stage]
        print(f"  {stage:<20} {main_mb:8.0f} {worker_mb:8.0f} {sampler.cpu.get(stage, 0.0):8.2f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
