"""axe-core (the npm package) in headless Chromium: find or install it, run it on a page.

The package is installed with ``npm install --prefix`` into a cache folder outside the
repository (``$ACCOUNTPLAN_AXE_DIR`` or ``~/.cache/accountplan-tests/axe``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from headless import Browser

AXE_VERSION = "4"
CACHE = Path(os.environ.get("ACCOUNTPLAN_AXE_DIR", Path.home() / ".cache" / "accountplan-tests" / "axe"))


def axe_script() -> tuple[str | None, str]:
    """The text of ``axe.min.js``, installing the package first if needed; else ``None`` and why."""
    script = CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            return None, "no npm to install axe-core (Debian: apt-get install nodejs npm)"
        CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund",
                               f"axe-core@{AXE_VERSION}"], capture_output=True, text=True, timeout=300)
        if done.returncode or not script.is_file():
            return None, f"npm could not install axe-core: {done.stderr.strip()[-300:]}"
    return script.read_text(encoding="utf-8"), ""


def run_axe(browser: Browser, script: str) -> list[dict[str, Any]]:
    """Inject axe into the open page and run it (WCAG 2.x A/AA and best practices); its violations."""
    browser.send("Runtime.evaluate", {"expression": script})
    result = browser.send("Runtime.evaluate", {
        "expression": "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({"
                      "id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({"
                      "target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary}))})))",
        "awaitPromise": True, "returnByValue": True}, timeout=120)
    violations: list[dict[str, Any]] = result.get("result", {}).get("value") or []
    return violations
