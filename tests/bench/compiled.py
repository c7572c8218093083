"""P1–P4 of issue 18: the plugin build against a compiled generator (Hugo) on the very same pages, and its memory.

* *Hugo project*: the generated pages written out by ``accountplan render --out`` (as the
  static project of B3), under a minimal Hugo layout (title, table of contents, content;
  Goldmark with raw HTML allowed, ``{ #id }`` heading attributes on). Hugo is used when
  ``hugo`` is on PATH (Debian/Ubuntu: ``apt-get install hugo``; elsewhere a release binary
  from gohugo.io); without it the row is reported as skipped. The bench installs nothing.
* *Markdown path*: the same plugin build with ``ACCOUNTPLAN_MARKDOWN=1``, which converts the
  generated pages with Python-Markdown as before issue 18: the before figure, in the same run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .site import ENV, TODAY

HUGO_CONFIG = """\
baseURL = "http://localhost/"
title = "Account plans"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.parser.attribute]
title = true
"""
HUGO_LAYOUT = """\
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav>{{ .TableOfContents }}</nav><main>{{ .Content }}</main></body></html>
"""
MARKDOWN_PATH = {**ENV, "ACCOUNTPLAN_MARKDOWN": "1"}
"""Environment of the before build: generated pages converted by Python-Markdown."""

Measure = Callable[..., dict[str, float]]


def hugo() -> str | None:
    """The ``hugo`` binary on PATH, if any."""
    return shutil.which("hugo")


def hugo_project(work: Path, plugin_config: Path) -> Path:
    """A Hugo site whose content is the pages ``accountplan render --out`` writes for ``plugin_config``."""
    if work.exists():
        shutil.rmtree(work)
    (work / "layouts" / "_default").mkdir(parents=True)
    (work / "content").mkdir()
    (work / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name in ("single", "list"):
        (work / "layouts" / "_default" / f"{name}.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "generator", "--config", str(plugin_config), "render",
                    "--out", str(work / "content"), "--today", TODAY],
                   env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _branch_bundles(work / "content")
    return work


def _branch_bundles(content: Path) -> None:
    """``index.md`` of a folder holding other pages as Hugo's ``_index.md`` (else Hugo reads them as its resources)."""
    for index in sorted(content.rglob("index.md")):
        if any(p != index for p in index.parent.iterdir()):
            index.rename(index.with_name("_index.md"))


def hugo_command(binary: str, project: Path) -> list[str]:
    """``hugo`` building ``project`` into its ``public/``."""
    return [binary, "--quiet", "--source", str(project), "--destination", str(project / "public")]
