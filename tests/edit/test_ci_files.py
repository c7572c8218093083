"""CI and pre-commit files call only make targets and accountplan commands that exist and are tested here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from generator.cli import parser

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
TESTED = {"check", "fmt", "diff", "new", "source"}
"""Subcommands the tests run end to end (``source``: tests/sources)."""


def run_lines() -> list[str]:
    """Every shell line of every workflow step, and of the GitLab example in the docs."""
    lines = []
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job["steps"]:
                lines += str(step.get("run", "")).splitlines()
    doc = (ROOT / "docs" / "editing-an-account.md").read_text(encoding="utf-8")
    gitlab = re.search(r"```yaml\n# \.gitlab-ci\.yml\n(.*?)```", doc, re.S)
    assert gitlab
    for job in yaml.safe_load(gitlab.group(1)).values():
        if isinstance(job, dict):
            lines += job.get("script", [])
    return [line.strip() for line in lines if line.strip()]


def test_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["pr.yml", "publish.yml", "sources.yml"]


def test_make_targets_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {t for t in re.findall(r"^([\w./$()-]+):", makefile, re.M)}
    used = [shlex.split(line)[1] for line in run_lines() if line.startswith("make ")]
    assert used and set(used) <= targets


@pytest.mark.parametrize("line", [line for line in run_lines() if "accountplan " in line])
def test_accountplan_lines_parse(line: str) -> None:
    words = shlex.split(line.split(">")[0])
    args = words[words.index(next(w for w in words if w.endswith("accountplan"))) + 1 :]
    args = [a.replace("$ACCOUNTPLAN_LANG", "zh") for a in args]  # the language the workflow's variable names
    args = [re.sub(r"\$\{\{[^}]*\}\}|\$\w+", "x", a) for a in args]
    assert args[0] in TESTED
    parser().parse_args(args)  # exits (fails the test) on an unknown option


def test_pre_commit_hooks_match_dossier_files_only() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"accountplan-check", "accountplan-fmt"}
    for hook in hooks:
        assert hook["language"] == "python" and hook["entry"].split()[1] in TESTED
        files = re.compile(hook["files"])
        for path in ("accounts/roster.yml", "accounts/acme/account.md", "accounts/acme/contacts/c-x.md",
                     "accounts/acme/activities/2026-11-27-visit.md"):
            assert files.search(path), path
        for path in ("docs/index.md", "accounts/acme/notes.txt", "README.md"):
            assert not files.search(path), path
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = [h["id"] for repo in local["repos"] for h in repo["hooks"]]
    assert ids == ["accountplan-fmt", "accountplan-check", "ruff"]
