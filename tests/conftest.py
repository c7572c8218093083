"""Every test runs with its own user cache folder, so no test reads or writes the real ~/.cache."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _user_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``XDG_CACHE_HOME`` in a folder of this test session; ``ACCOUNTPLAN_CACHE`` unset."""
    folder = tmp_path_factory.getbasetemp() / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("ACCOUNTPLAN_CACHE", raising=False)
    return folder
