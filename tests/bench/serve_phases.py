"""Where a ``mkdocs serve --dirty`` build spends its time: wall and CPU seconds of its phases, in-process.

    python -m tests.bench.serve_phases CONFIG [--port 8000] [--edits 3]

Runs the first build exactly as ``mkdocs serve --dirty`` does (a temporary site folder, ``site_url``
set to the address, ``on_startup`` and ``on_shutdown``), then, with ``--edits``, renames the first
account and rebuilds as the server does after a save. Run it with ``ACCOUNTPLAN_CACHE`` pointing at
the cache to test; ``--port`` must be the one the previous server used (the address is part of the
kept pages). Each phase is timed by wrapping the function that does it (no profiler: its overhead
on many small calls distorts the shares). For reading, not for the results table.
"""

from __future__ import annotations

import argparse
import functools
import logging
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands import build as build_module
from mkdocs.config import load_config
from mkdocs.livereload import _serve_url
from mkdocs.structure import files as files_module

import generator.incremental.stages as stages
import generator.mkdocs_plugin.plugin as plugin
import generator.mkdocs_plugin.watch as watch
import generator.pipeline as pipeline
from generator.config import plugin_section
from generator.incremental.build import Build

totals: dict[str, list[float]] = {}


def timing(wrapped: Callable[..., Any], label: str) -> Callable[..., Any]:
    """``wrapped``, adding its wall and CPU seconds to :data:`totals` under ``label``."""

    @functools.wraps(wrapped)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return wrapped(*args, **kwargs)
        finally:
            total = totals.setdefault(label, [0.0, 0.0, 0])
            total[0] += time.perf_counter() - wall
            total[1] += time.process_time() - cpu
            total[2] += 1

    return wrapper


def timed(owner: Any, name: str, label: str = "") -> None:
    """Replace ``owner.name`` by a wrapper adding its wall and CPU seconds to :data:`totals`."""
    setattr(owner, name, timing(getattr(owner, name), label or name))


def timed_stages() -> None:
    """Time each gathering stage (load, validate, redact, score) as the pipeline gets them, cached or cold."""
    made = stages.serving

    def serving(cache: str) -> stages.Stages:
        found = made(cache)
        steps: list[Callable[..., Any]] = list(found)
        return stages.Stages(*(timing(step, name) for name, step in zip(found._fields, steps, strict=True)))

    vars(pipeline)["serving"] = serving  # the name pipeline.gather looks up


def report(title: str, wall: float, cpu: float) -> None:
    """Print the phases, longest first, and the whole."""
    print(f"--- {title}")
    for name, (w, c, n) in sorted(totals.items(), key=lambda kv: -kv[1][0]):
        print(f"{name:<28} wall {w:7.2f}  cpu {c:7.2f}  calls {n:.0f}")
    print(f"{'whole':<28} wall {wall:7.2f}  cpu {cpu:7.2f}")
    totals.clear()


def build_once(config_file: str, site_dir: str, serve_url: str, title: str, config: Any = None) -> Any:
    """One dirty build as the server runs it (a fresh config unless the first one is given)."""
    wall, cpu = time.perf_counter(), time.process_time()
    if config is None:
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = serve_url
    build_module.build(config, serve_url=serve_url, dirty=True)
    report(title, time.perf_counter() - wall, time.process_time() - cpu)
    return config


def main(argv: list[str] | None = None) -> int:
    """Time the first build and ``--edits`` rebuilds."""
    p = argparse.ArgumentParser(prog="python -m tests.bench.serve_phases")
    p.add_argument("config")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--edits", type=int, default=0)
    p.add_argument("--fast-render", action="store_true",
                   help="as a server whose saves rebuild the changed accounts' pages first (the plugin's fast_render)")
    args = p.parse_args(argv)
    asked: list[str] = []
    if args.fast_render:  # no server here: the rebuild the plugin asks for is run (and timed) after the save's
        watch.can_ask = lambda root: True
        watch.ask_later = asked.append
    timed_stages()
    timed(plugin, "gather", "gather (all)")
    timed(Build, "add", "generate and store pages")
    for name in ("get_files", "_populate_page", "_build_page", "_build_theme_template", "get_navigation"):
        timed(build_module, name)
    timed(files_module.Files, "add_files_from_theme")
    logging.basicConfig(level=logging.ERROR)
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")
    serve_url = _serve_url("127.0.0.1", args.port, "/")
    first = load_config(config_file=args.config, site_dir=site_dir)
    first.plugins.on_startup(command="serve", dirty=True)
    first.site_url = serve_url
    build_once(args.config, site_dir, serve_url, "first build", first)
    accounts = Path(plugin_section(args.config)["accounts"])
    if not accounts.is_absolute():
        accounts = Path(args.config).parent / accounts
    dossier = sorted(p for p in accounts.iterdir() if p.is_dir())[0] / "account.md"
    original = dossier.read_bytes()
    try:
        for i in range(args.edits):
            dossier.write_text(re.sub(r"^name: .*$", f'name: "Edited {i}"', original.decode("utf-8"), count=1,
                                      flags=re.M), encoding="utf-8")
            build_once(args.config, site_dir, serve_url, f"rebuild after save {i + 1}")
            if asked:
                asked.clear()
                build_once(args.config, site_dir, serve_url, f"the rebuild it asked for, save {i + 1}")
    finally:
        dossier.write_bytes(original)
    first.plugins.on_shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
