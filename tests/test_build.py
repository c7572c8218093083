"""Build plumbing: recovery after a killed build, atomic file writes, and ``accountplan check`` never writing.

The SECURITY.md cases themselves (byte-identical builds, a build killed half-way) are in
tests/test_security_output.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.publish import atomic
from generator.publish.site import recover
from tests.hostile_fixtures import REPO, accountplan, tree_hashes, write_canary_portfolio

# --- recovery after a killed build ----------------------------------------------------------


def test_recover_restores_a_site_lost_between_the_two_renames(tmp_path: Path) -> None:
    # A kill after 'rename old away' and before 'rename new in' leaves only the old copy.
    old = tmp_path / ".site.old-999999999"
    old.mkdir()
    (old / "index.html").write_text("old site", encoding="utf-8")
    half = tmp_path / ".site.build-999999999-x"
    half.mkdir()
    recover(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "old site"
    assert not old.exists() and not half.exists()


def test_recover_leaves_running_builds_alone(tmp_path: Path) -> None:
    mine = tmp_path / f".site.build-{os.getpid()}-x"
    mine.mkdir()
    recover(tmp_path / "site")
    assert mine.exists()


def test_write_text_atomic_replaces_whole_file_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "contact.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    atomic.write_text_atomic(target, "new 内容\n")
    assert target.read_text(encoding="utf-8") == "new 内容\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["contact.md"]


def test_write_text_atomic_failure_keeps_old_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "account.md"
    target.write_text("precious\n", encoding="utf-8")

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        atomic.write_text_atomic(target, "half")
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["account.md"]


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    atomic.write_text_atomic(tmp_path / "sub" / "new.md", "x")
    mode = (tmp_path / "sub" / "new.md").stat().st_mode & 0o777
    assert mode == 0o666 & ~atomic._UMASK


# --- check never writes ----------------------------------------------------------------------


def _snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder with its mode, mtime and content hash."""
    shot = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        shot[str(path.relative_to(root))] = (st.st_mode, st.st_mtime_ns, digest)
    return shot


def test_check_never_writes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_canary_portfolio(project)
    (project / "accounts" / "canary-co" / "contacts" / "c-broken.md").write_text("---\nid: [\n---\n")
    home = tmp_path / "home"
    home.mkdir()
    for path in [project, *project.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        before = _snapshot(tmp_path)
        env = {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "ACCOUNTPLAN_CACHE": "off"}
        for args in (["check"], ["check", "--format", "json"], ["check", "accounts/canary-co"]):
            done = accountplan(*args, cwd=project, env=env)
            assert done.returncode == 1, done.stdout + done.stderr  # the broken file is an error
            assert "c-broken.md" in done.stdout
        assert _snapshot(tmp_path) == before
    finally:
        for path in [project, *project.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)


def test_cli_runs_from_the_repository() -> None:
    # The subprocess helper above relies on 'python -m generator' finding this checkout.
    done = accountplan("--help", cwd=REPO)
    assert done.returncode == 0 and "build" in done.stdout


def test_check_with_the_cache_writes_only_into_the_cache(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_canary_portfolio(project)
    before = _snapshot(project)
    cache = tmp_path / "cache"
    done = accountplan("check", "--cache-dir", str(cache), cwd=project)
    again = accountplan("check", "--cache-dir", str(cache), cwd=project)
    assert done.returncode == again.returncode == 0 and done.stdout == again.stdout
    assert _snapshot(project) == before
    assert any(p.is_file() for p in cache.rglob("*"))


@pytest.mark.parametrize("site_dir", ["accounts", "docs/out", ".", "keep"])
def test_build_refuses_to_replace_sources_or_foreign_folders(tmp_path: Path, site_dir: str) -> None:
    write_canary_portfolio(tmp_path)
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "notes.txt").write_text("precious", encoding="utf-8")
    before = _snapshot(tmp_path)
    done = accountplan("build", "--site-dir", site_dir, cwd=tmp_path)
    assert done.returncode == 2
    assert "must not be" in done.stderr or "was not built by 'accountplan build'" in done.stderr
    assert _snapshot(tmp_path) == before


def test_build_replaces_only_a_site_it_built_itself(tmp_path: Path) -> None:
    # A folder that looks like a site (index.html) but holds unrelated files is not replaced.
    write_canary_portfolio(tmp_path)
    foreign = tmp_path / "public"
    foreign.mkdir()
    (foreign / "index.html").write_text("<h1>someone else's site</h1>", encoding="utf-8")
    (foreign / "report.pdf").write_bytes(b"%PDF precious")
    before = _snapshot(tmp_path)
    done = accountplan("build", "--quiet", "--site-dir", "public", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "refusing to replace" in done.stderr and "was not built by 'accountplan build'" in done.stderr
    assert "Traceback" not in done.stderr
    assert _snapshot(tmp_path) == before
    # A folder the command built itself is replaced on the next build, and a new folder is created.
    for _ in range(2):
        done = accountplan("build", "--quiet", "--site-dir", "built", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / "built" / ".accountplan-site").is_file() and (tmp_path / "built" / "index.html").is_file()


@pytest.mark.parametrize("link", ["site/zh", "site"])
@pytest.mark.parametrize("command", ["accountplan", "mkdocs"])
def test_a_site_folder_reached_through_a_symbolic_link_is_refused(tmp_path: Path, link: str, command: str) -> None:
    """A pull request can commit ``site`` (or ``site/zh``) as a link to another project's site, which holds the
    marker: resolved first, that site passed the check and was replaced. Neither command follows the link."""
    project, victim = tmp_path / "project", tmp_path / "victim"
    write_canary_portfolio(project)
    (victim / "zh" / "keep").mkdir(parents=True)
    for site in (victim, victim / "zh"):
        (site / ".accountplan-site").write_text("x", encoding="utf-8")
    (victim / "zh" / "keep" / "file").write_text("precious", encoding="utf-8")
    if link == "site/zh":
        (project / "site").mkdir()
    (project / link).symlink_to(victim / link.removeprefix("site").lstrip("/"), target_is_directory=True)
    before = tree_hashes(victim)
    if command == "accountplan":
        done = accountplan("build", "--quiet", "--site-dir", "site/zh", cwd=project)
        assert done.returncode == 2, done.stderr
    else:
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site/zh"]
        done = subprocess.run(mkdocs, cwd=project, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 1, done.stderr
    assert f"{project / link} is a symbolic link" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert tree_hashes(victim) == before and (project / link).is_symlink()


WRITERS = [("render", "--out"), ("schema", "--out"), ("diff", "HEAD~1", "--maps")]


def _linked_project(tmp_path: Path, command: tuple[str, ...]) -> tuple[Path, Path]:
    """A project whose ``docs/pages`` is a link to a folder outside it (for ``diff``, in two commits that differ)."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    write_canary_portfolio(project)
    elsewhere.mkdir()
    (project / "docs" / "pages").symlink_to(elsewhere, target_is_directory=True)
    if command[0] == "diff":
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
        subprocess.run([*git, "init", "-q"], cwd=project, check=True)
        subprocess.run([*git, "add", "-A"], cwd=project, check=True)
        subprocess.run([*git, "commit", "-qm", "x"], cwd=project, check=True)
        account = project / "accounts" / "canary-co" / "account.md"  # a change, so the diff draws maps
        account.write_text(account.read_text(encoding="utf-8").replace("tier: B", "tier: A"), encoding="utf-8")
        subprocess.run([*git, "commit", "-qam", "y"], cwd=project, check=True)
    return project, elsewhere


@pytest.mark.parametrize("command", WRITERS)
def test_pages_schemas_and_maps_are_not_written_through_a_link_in_the_project(tmp_path: Path,
                                                                             command: tuple[str, ...]) -> None:
    project, elsewhere = _linked_project(tmp_path, command)
    done = accountplan(*command, "docs/pages/out", cwd=project)
    assert done.returncode == 2, done.stderr
    assert f"{project / 'docs' / 'pages'} is a symbolic link" in done.stderr and "Traceback" not in done.stderr
    assert not any(elsewhere.iterdir())
    done = accountplan("--lang", "zh", *command, "docs/pages", cwd=project)
    assert done.returncode == 2 and "是符号链接" in done.stderr, done.stderr


@pytest.mark.parametrize("command", WRITERS)
@pytest.mark.parametrize("named", ["docs/pages/../built", "docs/pages/../../built", "docs/pages/./../../x/../built"])
def test_a_folder_named_through_a_link_and_back_is_refused(tmp_path: Path, command: tuple[str, ...],
                                                           named: str) -> None:
    """Tidied, ``docs/pages/../built`` is ``docs/built``; the system goes through the link ``docs/pages`` (to a folder
    outside the project), so ``../built`` is beside that folder. Refused, as any path through a link in the project."""
    project, elsewhere = _linked_project(tmp_path, command)
    done = accountplan(*command, named, cwd=project)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert f"{project / 'docs' / 'pages'} is a symbolic link" in done.stderr, done.stderr
    assert not (project / "docs" / "built").exists() and not (project / "built").exists()
    assert not (tmp_path / "built").exists() and not any(elsewhere.iterdir())



def test_links_above_the_project_are_the_machines_own(tmp_path: Path) -> None:
    """Only links inside the project are refused: a project reached through a linked home folder still builds."""
    from generator.publish.site import refuse_unsafe_target

    real = tmp_path / "real"
    (real / "project").mkdir(parents=True)
    (tmp_path / "home").symlink_to(real, target_is_directory=True)
    project = tmp_path / "home" / "project"
    assert refuse_unsafe_target(project / "site", [project / "docs"], project) == real / "project" / "site"
    (real / "project" / "out").symlink_to(real, target_is_directory=True)
    with pytest.raises(ValueError, match="is a symbolic link"):
        refuse_unsafe_target(project / "out" / "site", [project / "docs"], project)


def test_a_plain_mkdocs_build_applies_the_same_site_folder_check(tmp_path: Path) -> None:
    # MkDocs empties its site folder before building: the plugin refuses a foreign one, as 'accountplan build' does.
    write_canary_portfolio(tmp_path)
    foreign = tmp_path / "site"
    foreign.mkdir()
    (foreign / "report.pdf").write_bytes(b"%PDF precious")
    before = _snapshot(tmp_path)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    done = subprocess.run(mkdocs, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 1 and "was not built by 'accountplan build'" in done.stderr, done.stderr
    assert _snapshot(tmp_path) == before
    # An empty folder is built, marked, and then replaced by either command.
    (foreign / "report.pdf").unlink()
    done = subprocess.run(mkdocs, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert (foreign / ".accountplan-site").is_file() and (foreign / "index.html").is_file()
    assert accountplan("build", "--quiet", cwd=tmp_path).returncode == 0
    done = subprocess.run(mkdocs, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("inside", ["leak.txt", "notes/leak.txt"])
def test_a_symbolic_link_in_docs_leading_out_fails_the_build_and_publishes_nothing(tmp_path: Path, inside: str) -> None:
    # MkDocs copies what a docs file links to into the site: a pull request could point one at the builder's secrets.
    write_canary_portfolio(tmp_path)
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("CANARY-SECRET\n", encoding="utf-8")
    link = tmp_path / "docs" / inside
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    done = accountplan("build", "--quiet", cwd=tmp_path)
    assert done.returncode != 0 and f"docs: {inside}: a symbolic link leading outside the docs folder" in done.stderr
    assert "Traceback" not in done.stderr
    site = tmp_path / "site"
    assert not site.exists() or not any("CANARY-SECRET" in p.read_text(errors="ignore")
                                        for p in site.rglob("*") if p.is_file())


def _own_theme(project: Path) -> Path:
    """A copy of the theme at ``project/theme``, named by ``mkdocs.yml``, as a repository of account plans keeps one."""
    theme = project / "theme"
    shutil.copytree(REPO / "theme", theme)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(str(REPO / "theme"), "theme"), encoding="utf-8")
    return theme


@pytest.mark.parametrize("inside", ["leak.txt", "partials/leak.html", "assets/etc"])
def test_a_symbolic_link_in_the_theme_leading_out_fails_the_build_and_publishes_nothing(
        tmp_path: Path, inside: str) -> None:
    # MkDocs copies the theme folder's files into the site and Jinja reads its templates: both follow links.
    write_canary_portfolio(tmp_path)
    theme = _own_theme(tmp_path)
    secret = tmp_path.parent / f"{tmp_path.name}-secret"
    secret.mkdir()
    (secret / "leak.txt").write_text("CANARY-SECRET\n", encoding="utf-8")
    (theme / inside).parent.mkdir(parents=True, exist_ok=True)
    (theme / inside).symlink_to(secret if inside.endswith("etc") else secret / "leak.txt")
    done = accountplan("build", "--quiet", cwd=tmp_path)
    assert done.returncode != 0, done.stderr
    assert f"theme: {inside}: a symbolic link leading outside the theme folder" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    site = tmp_path / "site"
    assert not site.exists() or not any("CANARY-SECRET" in p.read_text(errors="ignore")
                                        for p in site.rglob("*") if p.is_file())


def test_a_link_inside_the_theme_and_a_theme_link_to_a_device_do_not_stop_or_hang_the_build(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    theme = _own_theme(tmp_path)
    (theme / "assets").mkdir(exist_ok=True)
    (theme / "assets" / "same.txt").write_text("kept\n", encoding="utf-8")
    (theme / "assets" / "alias.txt").symlink_to("same.txt")  # inside the folder: allowed
    done = accountplan("build", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "assets" / "alias.txt").read_text(encoding="utf-8") == "kept\n"
    # The theme's digest (a key of the carried site) counts a link by where it leads: /dev/zero is never read.
    from generator.incremental.versions import files_digest

    (theme / "zero").symlink_to("/dev/zero")
    os.mkfifo(theme / "pipe")
    first = files_digest(theme)
    (theme / "zero").unlink()
    (theme / "zero").symlink_to("/dev/null")
    assert files_digest(theme) != first


@pytest.mark.parametrize("folder", ["accounts", "docs", "theme"])
def test_a_source_folder_that_is_itself_a_symbolic_link_is_refused(tmp_path: Path, folder: str) -> None:
    # The links inside these folders are refused; the folder itself as a link led the build to read and publish
    # another folder of the machine (the attack review published a host portfolio and a host docs folder so).
    project = tmp_path / "project"
    project.mkdir()
    write_canary_portfolio(project)
    _own_theme(project)
    outside = tmp_path / "outside"
    shutil.move(project / folder, outside)
    (outside / "planted.txt").write_text("CANARY-SECRET\n", encoding="utf-8")
    (project / folder).symlink_to(outside, target_is_directory=True)
    done = accountplan("build", "--quiet", cwd=project)
    assert done.returncode != 0
    assert f"{folder} is a symbolic link inside the project, refused" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    site = project / "site"
    assert not site.exists() or not any("CANARY-SECRET" in p.read_text(errors="ignore")
                                        for p in site.rglob("*") if p.is_file())
    if folder == "accounts":  # every command reading the settings says so, and none writes through the link
        for args in (("check",), ("new", "account", "zeta-corp", "--as", "p-owner")):
            done = accountplan(*args, cwd=project)
            assert done.returncode == 2 and "accounts is a symbolic link inside the project" in done.stderr, args
        assert not (outside / "zeta-corp").exists()
        # Named on the command line instead: the same refusal (new would write where the link leads).
        (project / folder).unlink()
        shutil.copytree(outside, project / folder)
        (project / "elsewhere").symlink_to(outside, target_is_directory=True)
        done = accountplan("new", "account", "zeta-corp", "--as", "p-owner", "--accounts", "elsewhere", cwd=project)
        assert done.returncode == 2 and "--accounts: elsewhere is a symbolic link inside the project" in done.stderr
        assert not (outside / "zeta-corp").exists()


def test_build_without_profile_keeps_the_profile_mkdocs_yml_names(tmp_path: Path) -> None:
    # A site configured for a narrower audience is never built wider by leaving --profile out (as mkdocs build does).
    write_canary_portfolio(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      today: 2026-11-27\n",
        "      today: 2026-11-27\n      profile: public\n      profiles: {public: public}\n"), encoding="utf-8")
    done = accountplan("build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "(profile public, level public)" in done.stderr
    assert not (tmp_path / "site" / "accounts" / "canary-co").exists()  # nothing of any file is public
    assert "canary-co" not in (tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8")


def test_a_linked_folder_in_docs_is_named_once_not_file_by_file(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    for name in ("a.txt", "b.txt", "deep/c.txt"):
        (outside / name).parent.mkdir(parents=True, exist_ok=True)
        (outside / name).write_text("CANARY-SECRET\n", encoding="utf-8")
    (tmp_path / "docs" / "etc").symlink_to(outside, target_is_directory=True)
    done = accountplan("build", "--quiet", cwd=tmp_path)
    assert done.returncode != 0
    assert "docs: etc: a symbolic link leading outside the docs folder" in done.stderr, done.stderr
    assert "a.txt" not in done.stderr and "Traceback" not in done.stderr


def test_a_folder_holding_only_sites_this_tool_built_may_be_replaced(tmp_path: Path) -> None:
    """``accountplan --config mkdocs.zh.yml build`` run before the English one leaves ``site`` holding only
    ``site/zh``: the English build replaces it (as it replaces ``site/zh`` in ``make site``'s order), anything
    else in it is still refused."""
    from generator.publish.site import MARKER, refuse_unsafe_target

    site, project = tmp_path / "project" / "site", tmp_path / "project"
    (site / "zh").mkdir(parents=True)
    (site / "zh" / MARKER).write_text("x", encoding="utf-8")
    refuse_unsafe_target(site, [project / "docs", project / "accounts"], project)
    (site / "report.pdf").write_bytes(b"%PDF precious")
    with pytest.raises(ValueError, match="was not built by 'accountplan build'"):
        refuse_unsafe_target(site, [project / "docs", project / "accounts"], project)
    (site / "report.pdf").unlink()
    (site / "public").mkdir()  # a folder of someone else's beside it
    with pytest.raises(ValueError, match="was not built by 'accountplan build'"):
        refuse_unsafe_target(site, [project / "docs", project / "accounts"], project)
    (site / "public").rmdir()
    (site / "2025Q4").mkdir()  # another site of this tool's, but no language's: an archive, say
    (site / "2025Q4" / MARKER).write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="was not built by 'accountplan build'"):
        refuse_unsafe_target(site, [project / "docs", project / "accounts"], project)
    shutil.rmtree(site / "2025Q4")
    (site / "zh" / MARKER).unlink()  # a site without the marker is not one this tool built
    with pytest.raises(ValueError, match="was not built by 'accountplan build'"):
        refuse_unsafe_target(site, [project / "docs", project / "accounts"], project)


def test_accountplan_build_keeps_no_load_cache_packs_for_a_next_load(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # MkDocs' on_startup, which tells a one-off build from a server, is not called by accountplan build.
    from generator.cli import main
    from generator.incremental import load_blobs

    write_canary_portfolio(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(load_blobs, "opened_packs", {})
    load_blobs.keep_between_loads(True)
    assert main(["build", "--quiet", "--fail-on", "never"]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    assert load_blobs._keeping["on"] is False and not load_blobs.opened_packs
