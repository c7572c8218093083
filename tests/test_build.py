"""``accountplan build`` is reproducible and atomic; ``accountplan check`` never writes; writes are atomic.

SECURITY.md, Output: "Two builds of the same input: byte-identical output" and "A build
killed half-way: the previously published site stays intact".
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import atomic
from generator.cli.build import recover
from tests.hostile_fixtures import REPO, write_canary_portfolio


def accountplan(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process, as a user would."""
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=600, check=False)


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` by relative path."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``accountplan build`` in ``project``; fails the test with the log when the build fails."""
    done = accountplan("build", "--quiet", *extra, cwd=project)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    write_canary_portfolio(root)
    return root


# --- reproducible ----------------------------------------------------------------------------


def test_two_builds_are_byte_identical(project: Path) -> None:
    build(project, "--site-dir", "site-a")
    time.sleep(1.1)  # so that any clock-based timestamp would differ between the two builds
    build(project, "--site-dir", "site-b")
    first, second = tree_hashes(project / "site-a"), tree_hashes(project / "site-b")
    assert len(first) > 10 and "sitemap.xml.gz" in first and "search/search_index.json" in first
    assert first == second


def test_sitemap_dates_come_from_the_fixed_build_date(project: Path) -> None:
    build(project, "--site-dir", "site-date")
    sitemap = (project / "site-date" / "sitemap.xml").read_text(encoding="utf-8")
    # Not a git checkout: the configured 'today' (2026-11-27) is the build date.
    assert "<lastmod>2026-11-27</lastmod>" in sitemap
    import gzip

    with gzip.open(project / "site-date" / "sitemap.xml.gz") as handle:
        assert handle.read().decode("utf-8") == sitemap
    header = (project / "site-date" / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") == 1_795_737_600  # gzip mtime = 2026-11-27T00:00Z


# --- atomic ----------------------------------------------------------------------------------


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    build(tmp_path)
    before = tree_hashes(tmp_path / "site")
    (tmp_path / "docs" / "broken.md").write_text("# Broken\n\n[gone](missing-page.md)\n", encoding="utf-8")
    done = accountplan("build", "--quiet", "--strict", cwd=tmp_path)
    assert done.returncode == 1
    assert "missing-page.md" in done.stderr
    assert tree_hashes(tmp_path / "site") == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_killed_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    build(tmp_path)
    before = tree_hashes(tmp_path / "site")
    # Enough pages that the second build is still writing when it is killed.
    for i in range(400):
        (tmp_path / "docs" / f"page-{i}.md").write_text(f"# Page {i}\n\nBody {i}.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--quiet"], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        temp = _wait_for_half_built(tmp_path, process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert temp.exists(), "the build finished before it could be killed"
    assert tree_hashes(tmp_path / "site") == before
    # The next build cleans up the half-built folder and publishes the new pages.
    build(tmp_path)
    assert not temp.exists()
    assert (tmp_path / "site" / "page-399" / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def _wait_for_half_built(project: Path, process: subprocess.Popen[bytes]) -> Path:
    """The build's temporary folder, once it holds some written pages."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        for entry in project.iterdir():
            if entry.name.startswith(".site.build-") and any(entry.glob("page-*/index.html")):
                return entry
        time.sleep(0.02)
    pytest.fail("no half-built site folder appeared")


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
