"""One dossier gate everywhere: `make test`, the pull-request workflow and the pre-commit hooks run the same check."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def make_check() -> str:
    """The Makefile's CHECK command."""
    match = re.search(r"(?m)^CHECK := (.+)$", (REPO / "Makefile").read_text(encoding="utf-8"))
    assert match, "the Makefile defines CHECK"
    return match.group(1).strip()


def hook_entries() -> list[str]:
    """The entry of every accountplan-check hook, this repository's and the one offered to others."""
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    offered = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in local["repos"] for h in repo["hooks"]] + offered
    return [h["entry"] for h in hooks if h["id"] == "accountplan-check"]


def test_make_test_runs_the_check() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"(?m)^check: .*\n\t\$\(BIN\)/\$\(CHECK\) \$\(CHECK_ARGS\)$", makefile)
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "$(MAKE) --no-print-directory check" in test_recipe


def test_the_pull_request_workflow_runs_make_check() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(r.startswith("make check CHECK_ARGS=\"--format github") for r in runs), runs
    assert not [r for r in runs if "accountplan check" in r], "the workflow calls the gate through make"


def test_pre_commit_hooks_run_the_same_command_and_policy() -> None:
    entries = hook_entries()
    assert len(entries) == 2
    for entry in entries:
        assert entry.endswith(make_check()), entry
        assert "--strict" not in entry  # errors fail, warnings inform: the same policy as `make check`
    assert "--strict" not in make_check()


def test_ruff_is_pinned_for_the_hook() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"ruff==\d+\.\d+\.\d+"', pyproject)
