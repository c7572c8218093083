"""The workflows carry the build cache between runs so that a pull request can never change what main publishes.

Publish (on main) restores and saves only keys starting ``accountplan-main-``; the pull-request workflow neither
restores nor saves a cache. Both point ``ACCOUNTPLAN_CACHE`` at a folder outside the working tree and the sealing
key (``ACCOUNTPLAN_CACHE_KEY_FILE``) at a file outside that folder, so the key is never cached; publish writes it
from the repository secret ``ACCOUNTPLAN_CACHE_KEY`` (``.ci/cache-key``), which the pull-request workflow never reads.
"""

from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path
from typing import Any

import yaml

from generator import usercache

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
FOLDER = "${{ runner.temp }}/accountplan-cache"
MAIN = "accountplan-main-"
SECRET = "secrets.ACCOUNTPLAN_CACHE_KEY"


def _steps(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def _cache_steps(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [step for step in steps if str(step.get("uses", "")).startswith("actions/cache")]


def _points_at_the_folder(steps: list[dict[str, Any]]) -> bool:
    return any('ACCOUNTPLAN_CACHE=$RUNNER_TEMP/accountplan-cache' in str(step.get("run", "")) for step in steps)


def _key_file_outside_the_folder(steps: list[dict[str, Any]]) -> str:
    """The sealing key's file the workflow sets; asserted to lie outside the cached folder."""
    (line,) = [line for step in steps for line in str(step.get("run", "")).splitlines()
               if "ACCOUNTPLAN_CACHE_KEY_FILE=" in line]
    path = line.split("ACCOUNTPLAN_CACHE_KEY_FILE=", 1)[1].split('"', 1)[0].split(" ", 1)[0]
    cached = FOLDER.replace("${{ runner.temp }}", "$RUNNER_TEMP")
    assert path.startswith("$RUNNER_TEMP/") and not (path + "/").startswith(cached + "/"), path
    return path


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


def test_publish_writes_the_key_from_its_secret_outside_the_cached_folder() -> None:
    steps = _steps("publish.yml")
    _key_file_outside_the_folder(steps)
    (writer,) = [step for step in steps if SECRET in str(step.get("env", ""))]
    assert writer["run"] == "bash .ci/cache-key" and writer["env"]["KEY"] == "${{ " + SECRET + " }}"
    build = next(i for i, step in enumerate(steps) if "make site" in str(step.get("run", "")))
    assert steps.index(writer) < build


def test_pull_requests_use_no_cache_of_mains_and_never_its_key() -> None:
    steps = _steps("pr.yml")
    assert _cache_steps(steps) == []  # main's blobs are sealed with main's key: nothing to restore
    assert _points_at_the_folder(steps)
    _key_file_outside_the_folder(steps)
    assert SECRET not in (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")


def _write_key(tmp_path: Path, key: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KEY"}
    env["ACCOUNTPLAN_CACHE_KEY_FILE"] = str(tmp_path / "runner" / "accountplan-key")
    if key is not None:
        env["KEY"] = key
    return subprocess.run(["bash", str(REPO / ".ci" / "cache-key")], env=env, capture_output=True, text=True,
                          check=True, timeout=60)


def test_the_key_step_writes_the_secret_or_says_the_build_is_cold(tmp_path: Path) -> None:
    secret = os.urandom(32)
    done = _write_key(tmp_path, base64.b64encode(secret).decode())
    key = tmp_path / "runner" / "accountplan-key"
    assert "from the ACCOUNTPLAN_CACHE_KEY secret" in done.stdout and "::warning" not in done.stdout
    assert key.read_bytes() == secret and key.stat().st_mode & 0o777 == 0o600
    assert usercache._key(str(key)) == secret  # the build seals with it
    for missing in (None, "", "not base64 !", base64.b64encode(os.urandom(16)).decode()):
        done = _write_key(tmp_path, missing)
        assert done.stdout.startswith("::warning title=Cold build::") and "fresh key" in done.stdout
        assert not key.exists()  # the build makes a fresh key of its own there
