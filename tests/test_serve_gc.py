"""A server's saves freeze nothing: the garbage of each rebuild (MkDocs' files and pages, template environments) is
collected, not kept for the life of the process by a freeze of the cyclic collector."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.bench.site import REPO, make_project

SERVER = textwrap.dedent("""
    import gc, json, re, sys
    from pathlib import Path
    from mkdocs.commands import build
    from mkdocs.config import load_config

    config_file, site_dir, dossier = sys.argv[1:4]
    url = "http://127.0.0.1:8000/"

    def rebuild(config=None):
        config = config or load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = url
        build.build(config, serve_url=url, dirty=True)

    first = load_config(config_file=config_file, site_dir=site_dir)
    first.plugins.on_startup(command="serve", dirty=True)
    rebuild(first)
    text, frozen = Path(dossier).read_text(encoding="utf-8"), []
    for save in range(4):
        Path(dossier).write_text(re.sub(r"^name: .*$", f'name: "Saved {save}"', text, count=1, flags=re.M),
                                 encoding="utf-8")
        rebuild()
        frozen.append(gc.get_freeze_count())
    first.plugins.on_shutdown()
    print(json.dumps(frozen))
""")


def test_a_servers_saves_freeze_nothing_more(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts"
    shutil.copytree(REPO / "accounts", accounts)
    config = make_project(tmp_path / "project", str(accounts), plugin=True)
    dossier = sorted(p for p in accounts.iterdir() if p.is_dir())[0] / "account.md"
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
           "ACCOUNTPLAN_CACHE": str(tmp_path / "cache")}
    # A process of its own: the policy holds for the rest of the process that started a server.
    done = subprocess.run([sys.executable, "-c", SERVER, str(config), str(tmp_path / "served"), str(dossier)],
                          env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    frozen = json.loads(done.stdout.strip().splitlines()[-1])
    # Before: each save froze the build before's garbage with the rest, and the count grew by hundreds a save.
    assert frozen == sorted(frozen, reverse=True), frozen
