"""A process's first build reads the carried memos in with the cyclic garbage collector paused (it is resumed after)."""

from __future__ import annotations

import gc

import pytest

from generator.incremental import build, carried


def test_the_carried_memos_are_read_in_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(carried, "carry_rules_in", lambda config_file: seen.append(gc.isenabled()))
    assert gc.isenabled()
    build.Build.load_cache(None)
    assert seen == [False]
    assert gc.isenabled()
