"""Profiles cover every output: ``score``, ``diff`` and ``diff --maps`` show what the internal site shows.

The canary fixture (tests/hostile_fixtures.py) holds a restricted contact and a restricted
activity, each with distinct canary strings; under the default profile none of them may
appear in any output of these commands, and with ``--profile restricted`` they do (so the
search can fail).
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.model import Contact
from tests.hostile_fixtures import RESTRICTED_CANARIES, accountplan, write_canary_portfolio

SECRET_CONTACT = Path("accounts/canary-co/contacts") / f"{RESTRICTED_CANARIES['secret_contact_id']}.md"
SECRET_ACTIVITY = Path("accounts/canary-co/activities/2026-11-05-secret-lunch.md")
OPEN_CONTACT = Path("accounts/canary-co/contacts/c-open.md")


def leaks(text: str) -> list[str]:
    """The names of the restricted canaries found in ``text``."""
    folded = text.casefold()
    return sorted(name for name, canary in RESTRICTED_CANARIES.items() if canary.casefold() in folded)


def _git(root: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The canary portfolio in git, then a commit that changes the restricted and a visible contact."""
    root = tmp_path_factory.mktemp("outputs")
    write_canary_portfolio(root)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    _edit(root / SECRET_CONTACT, "support: 3", "support: 5")
    _edit(root / OPEN_CONTACT, "intimacy: 3", "intimacy: 4")
    secret = (root / SECRET_ACTIVITY).read_text(encoding="utf-8").replace("2026-11-05", "2026-11-06")
    (root / SECRET_ACTIVITY.with_name("2026-11-06-secret-lunch.md")).write_text(secret, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "head")
    return root


def _run(repo: Path, *args: str) -> str:
    done = accountplan(*args, cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout + done.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("by", [None, "owner"])
def test_score_shows_no_restricted_contact_by_default(repo: Path, fmt: str, by: str | None) -> None:
    extra = ("--by", by) if by else ()
    assert leaks(_run(repo, "score", "--format", fmt, *extra)) == []
    assert leaks(_run(repo, "score", "--format", fmt, "--profile", "internal", *extra)) == []


def test_score_with_the_restricted_profile_sees_them(repo: Path) -> None:
    assert "secret_contact_id" in leaks(_run(repo, "score", "--format", "json", "--profile", "restricted"))


def test_restricted_activities_do_not_count_in_default_scores(repo: Path) -> None:
    import json

    def cadence(*extra: str) -> float:
        data = json.loads(_run(repo, "score", "--format", "json", *extra))
        value: float = data["accounts"]["canary-co"]["cadence"]["value"]
        return value

    assert cadence() < cadence("--profile", "restricted")


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_diff_and_maps_show_no_restricted_contact_by_default(repo: Path, tmp_path: Path, fmt: str) -> None:
    maps = tmp_path / "maps"
    text = _run(repo, "diff", "HEAD~1", "HEAD", "--format", fmt, "--maps", str(maps))
    assert "Visiblemarkername" in text  # the visible contact's change is reported
    written = sorted(p.name for p in maps.iterdir())
    assert written == ["canary-co.after.svg", "canary-co.before.svg"]
    assert leaks(text) == []
    for svg in maps.iterdir():
        assert leaks(svg.read_text(encoding="utf-8")) == [], svg.name


def test_diff_with_the_restricted_profile_sees_them(repo: Path, tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    text = _run(repo, "diff", "HEAD~1", "HEAD", "--profile", "restricted", "--maps", str(maps))
    assert "secret_contact_name" in leaks(text)
    assert "secret_contact_name" in leaks((maps / "canary-co.after.svg").read_text(encoding="utf-8"))


def test_a_contact_relabelled_restricted_is_not_reported_as_deleted(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "base")
    _edit(tmp_path / OPEN_CONTACT, "review_by:", "sensitivity: restricted\nreview_by:")
    _git(tmp_path, "commit", "-q", "-am", "relabel")
    text = _run(tmp_path, "diff", "HEAD~1", "HEAD")
    assert "Visiblemarkername (Head of Procurement): no longer shown" in text
    assert "deleted" not in text


@pytest.mark.parametrize("command", [("score",), ("diff", "HEAD~1")])
def test_unknown_profile_is_refused(repo: Path, command: tuple[str, ...]) -> None:
    done = accountplan(*command, "--profile", "everyone", cwd=repo)
    assert done.returncode == 2
    assert "unknown build profile 'everyone'" in done.stderr


def test_pr_workflow_posts_the_internal_profile() -> None:
    workflow = (Path(__file__).resolve().parents[1] / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8")
    diff_lines = [line for line in workflow.splitlines() if "accountplan diff" in line]
    assert diff_lines and all("--profile internal" in line for line in diff_lines)


# --- dangling references of hidden contacts show nothing --------------------------------------


def _internal_map(root: Path) -> tuple[list[Contact], str]:
    from generator.config import Settings
    from generator.load.portfolio import load_portfolio
    from generator.redact import apply_profile
    from generator.render.svg import relationship_map

    portfolio = apply_profile(load_portfolio(str(root / "accounts")), Settings(), None).portfolio
    (dossier,) = portfolio.dossiers
    contacts = [doc.data for doc in dossier.contacts]
    return list(contacts), relationship_map(contacts, portfolio.people)


def test_a_hidden_contacts_dangling_manager_shows_nowhere(tmp_path: Path) -> None:
    # c-open reports to the restricted contact, whose own manager is an id naming nobody:
    # the skip-level repair used to hand that id to c-open, and the map's tooltip showed it.
    write_canary_portfolio(tmp_path)
    _edit(tmp_path / SECRET_CONTACT, "reports_to: c-ceo", "reports_to: c-canarydanglingboss")
    contacts, svg = _internal_map(tmp_path)
    assert {c.id: c.reports_to for c in contacts} == {"c-ceo": None, "c-open": None}
    assert "canarydanglingboss" not in svg and leaks(svg) == []
    assert "Visiblemarkername" in svg


def test_references_to_an_unreadable_contact_file_show_nothing(tmp_path: Path) -> None:
    # A restricted contact whose file does not load: its label cannot be read, so an
    # internal build treats it as hidden and drops every reference to it (fail closed).
    write_canary_portfolio(tmp_path)
    secret = tmp_path / SECRET_CONTACT
    secret.write_text(secret.read_text(encoding="utf-8").replace("level: executive", "level: [executive"),
                      encoding="utf-8")
    secret_id = RESTRICTED_CANARIES["secret_contact_id"]
    _edit(tmp_path / OPEN_CONTACT, "coach: true", f"coach: true\ndotted_to: [{secret_id}]")
    contacts, svg = _internal_map(tmp_path)
    assert [c.id for c in contacts] == ["c-ceo", "c-open"]
    assert leaks(svg) == []
    assert "Dotted line to" not in svg and "Reports to" not in svg
    # The file's own error names it by its path: the log has it, internal pages do not.
    from generator.config import Settings
    from generator.load.portfolio import load_portfolio
    from generator.redact import apply_profile

    portfolio = load_portfolio(str(tmp_path / "accounts"))
    errors = [d for d in portfolio.diagnostics if secret_id in d.path]
    assert errors and apply_profile(portfolio, Settings(), None).filter(errors) == []
    assert apply_profile(portfolio, Settings(), "restricted").filter(errors) == errors


def test_dangling_references_in_visible_files_show_no_raw_id(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    _edit(tmp_path / OPEN_CONTACT, "coach: true", "coach: true\ndotted_to: [c-canarynobody, c-ceo]")
    _, svg = _internal_map(tmp_path)
    assert "canarynobody" not in svg
    assert "Dotted line to: Cora Chief" in svg


# --- publishing: no public host unless chosen, one site per profile ---------------------------------


def _workflow(name: str) -> dict[str, Any]:
    import yaml

    path = Path(__file__).resolve().parents[1] / ".github" / "workflows" / name
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_publish_deploys_to_github_pages_only_when_chosen() -> None:
    workflow = _workflow("publish.yml")
    assert "pages" not in workflow["permissions"] and "id-token" not in workflow["permissions"]
    chosen = "vars.PUBLISH_TO_GITHUB_PAGES == 'internal'"
    for name, job in workflow["jobs"].items():
        uses = [str(step.get("uses", "")) for step in job.get("steps", [])]
        if any("deploy-pages" in u for u in uses):
            assert job["if"] == chosen, name
            assert job["permissions"] == {"pages": "write", "id-token": "write"}
        for step in job.get("steps", []):
            if "upload-pages-artifact" in str(step.get("uses", "")):
                assert step["if"] == f"matrix.profile == 'internal' && {chosen}"
                assert step["with"]["path"] == "site-internal/"


def test_publish_keeps_one_site_per_profile_as_an_artifact() -> None:
    build = _workflow("publish.yml")["jobs"]["build"]
    assert build["strategy"]["matrix"]["profile"] == ["internal", "restricted"]
    runs = [str(step.get("run", "")) for step in build["steps"]]
    assert "make site PROFILE=${{ matrix.profile }} SITE_DIR=site-${{ matrix.profile }}" in runs
    artifacts = [step["with"] for step in build["steps"] if "actions/upload-artifact" in str(step.get("uses", ""))]
    assert artifacts == [{"name": "site-${{ matrix.profile }}", "path": "site-${{ matrix.profile }}/",
                          "retention-days": 14}]


def test_make_site_passes_profile_and_folder() -> None:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(["make", "-n", "site", "PROFILE=restricted", "SITE_DIR=out"], cwd=root,
                          capture_output=True, text=True, check=True)
    lines = [line.split("accountplan", 1)[1] for line in done.stdout.splitlines() if "accountplan" in line]
    assert lines == [" build --strict --quiet --profile restricted --site-dir out",
                     " --config mkdocs.zh.yml build --strict --quiet --profile restricted --site-dir out/zh"]


# --- AP407: the documented leak is a finding -----------------------------------------------------


def test_the_documented_leak_is_a_warning_that_internal_pages_do_not_repeat(tmp_path: Path) -> None:
    from generator.config import load_settings
    from generator.load.portfolio import load_portfolio
    from generator.redact import apply_profile
    from generator.rules import validate

    write_canary_portfolio(tmp_path)
    activity = tmp_path / "accounts/canary-co/activities/2026-11-02-open-call.md"
    _edit(activity, "Agreed to send the proposal.", "Agreed with canarysecretname to send the proposal.")
    settings = load_settings(str(tmp_path / "mkdocs.yml"))
    portfolio = load_portfolio(settings.accounts)
    found = [d for d in validate(portfolio, settings) if d.code == "AP407"]
    assert [(Path(d.path).name, d.line, d.column, d.severity.label) for d in found] == [
        (activity.name, 10, 13, "warning")]
    # The finding names the hidden contact, so an internal build's pages leave it out (the log keeps it).
    assert apply_profile(portfolio, settings, None).filter(found) == []
    assert apply_profile(portfolio, settings, "restricted").filter(found) == found
