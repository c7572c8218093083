"""The workflows carry the build cache between runs so that a pull request can never change what main publishes.

Publish (on main) restores and saves only keys starting ``accountplan-main-``; the pull-request workflow only
restores them (``actions/cache/restore``), never saves a cache; both point ``ACCOUNTPLAN_CACHE`` at the folder
they restore, outside the working tree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORKFLOWS = Path(__file__).resolve().parents[1] / ".github" / "workflows"
FOLDER = "${{ runner.temp }}/accountplan-cache"
MAIN = "accountplan-main-"


def _steps(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def _cache_steps(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [step for step in steps if str(step.get("uses", "")).startswith("actions/cache")]


def _points_at_the_folder(steps: list[dict[str, Any]]) -> bool:
    return any('ACCOUNTPLAN_CACHE=$RUNNER_TEMP/accountplan-cache' in str(step.get("run", "")) for step in steps)


def test_publish_restores_and_saves_only_mains_keys() -> None:
    steps = _steps("publish.yml")
    cached = _cache_steps(steps)
    assert [step["uses"] for step in cached] == ["actions/cache/restore@v4", "actions/cache/save@v4"]
    for step in cached:
        assert step["with"]["path"] == FOLDER
        assert step["with"]["key"].startswith(MAIN)
        assert all(line.startswith(MAIN) for line in step["with"].get("restore-keys", "").splitlines())
    assert cached[1]["if"] == "github.ref == 'refs/heads/main'"
    names = [step.get("name", "") for step in steps]
    build = next(i for i, step in enumerate(steps) if "make site" in str(step.get("run", "")))
    assert names.index(cached[0]["name"]) < build < names.index(cached[1]["name"])
    assert _points_at_the_folder(steps)


def test_pull_requests_only_restore_mains_cache() -> None:
    steps = _steps("pr.yml")
    cached = _cache_steps(steps)
    assert [step["uses"] for step in cached] == ["actions/cache/restore@v4"]  # no save, no actions/cache (it saves)
    restore = cached[0]["with"]
    assert restore["path"] == FOLDER and restore["key"].startswith(MAIN)
    assert all(line.startswith(MAIN) for line in restore["restore-keys"].splitlines())
    assert _points_at_the_folder(steps)
