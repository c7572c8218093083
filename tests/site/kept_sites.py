"""What the serve tests compare: a server's kept site, and the one a server starting from an empty cache keeps."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from generator.mkdocs_plugin import preview
from tests.bench.serve import serving, start

TIMEOUT = 600


def kept_site(folder: Path) -> dict[str, bytes]:
    """Every page and the search index of a kept site."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.suffix == ".html" or p.name == "search_index.json"}


def cold_server_site(config_file: Path, env: dict[str, str], accounts: str, port: int, tmp_path: Path,
                     monkeypatch: pytest.MonkeyPatch, not_logged: re.Pattern[str]) -> dict[str, bytes]:
    """The site a ``mkdocs serve --dirty`` starting from an empty cache keeps (its log never says ``not_logged``)."""
    fresh = str(tmp_path / "fresh-cache")
    log = tmp_path / "cold.log"
    with serving(config_file, {**env, "XDG_CACHE_HOME": fresh}, log, port=port) as server:
        assert start(server, accounts, TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
    assert not not_logged.search(log.read_text(encoding="utf-8"))
    monkeypatch.setenv("XDG_CACHE_HOME", fresh)
    cold = kept_site(Path(str(preview.site_folder(str(config_file), "en"))))
    assert "search/search_index.json" in cold and len(cold) > 20
    return cold


def settled(log: Path, quiet: float = 3.0) -> None:
    """Wait until the server logging to ``log`` has finished its rebuilds: its last rebuild finished, and no other
    started for ``quiet`` seconds (a save's rebuild asks for a second one a second later: ``fast_render``,
    :data:`generator.mkdocs_plugin.watch.FOLLOW_UP`). Browsers connecting after a reload do not count."""
    deadline = time.monotonic() + TIMEOUT
    last = ""
    since = time.monotonic()
    while time.monotonic() < deadline:
        text = "\n".join(line for line in log.read_text(encoding="utf-8").splitlines() if "Browser " not in line)
        if text != last:
            last, since = text, time.monotonic()
        elif text.rstrip().endswith("Reloading browsers") and time.monotonic() - since >= quiet:
            return
        time.sleep(0.1)
    raise AssertionError(log.read_text(encoding="utf-8")[-3000:])
