"""Every test runs with its own user cache folder and key, so no test reads or writes the real ~/.cache or the
sealing key in ~/.local/state."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``XDG_CACHE_HOME`` and ``XDG_STATE_HOME`` (the sealing key's) in folders of this test session;
    ``ACCOUNTPLAN_CACHE`` and ``ACCOUNTPLAN_CACHE_KEY_FILE`` unset."""
    folder = tmp_path_factory.getbasetemp() / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-state"))
    monkeypatch.delenv("ACCOUNTPLAN_CACHE", raising=False)
    monkeypatch.delenv("ACCOUNTPLAN_CACHE_KEY_FILE", raising=False)
    return folder


@pytest.fixture(autouse=True)
def _loads_kept() -> None:
    """Every test starts as a process that keeps the load cache's blobs between loads (a build in an earlier test,
    through MkDocs' ``on_startup`` or ``accountplan build``, leaves this process not keeping them)."""
    from generator.incremental.load_blobs import keep_between_loads

    keep_between_loads(True)
