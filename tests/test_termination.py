"""``kill`` (``SIGTERM``) or a closed terminal (``SIGHUP``) stops a command as Ctrl-C does: its pool's workers
end with it (two per killed build stayed behind for ever), and it exits ``128 + signal``."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bench.corpus import write_corpus

REPO = Path(__file__).resolve().parents[1]


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started that are still its children."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_killed_build_ends_its_workers(tmp_path: Path, signum: int) -> None:
    write_corpus(str(tmp_path), 40, 7)  # 2,440 files: loaded in a process pool
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    env = {**os.environ, "PYTHONPATH": str(REPO), "ACCOUNTPLAN_CACHE": "off", "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.Popen([sys.executable, "-m", "generator", "build", "--quiet", "--site-dir",
                              str(tmp_path / "site")], cwd=tmp_path, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             preexec_fn=lambda: _default(signum))
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
        workers = _children(build.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the build never started its workers"
    build.send_signal(signum)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 128 + signum and "Traceback" not in err, err
    time.sleep(1)
    assert [pid for pid in workers if _alive(pid)] == []


def _default(signum: int) -> None:
    """The signal's default action in the started command: under ``nohup`` (a CI runner, a detached job) ``SIGHUP``
    is ignored, and the command rightly leaves an ignored signal ignored."""
    signal.signal(signum, signal.SIG_DFL)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a shell's background job ignores it; a terminal's does not
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_whole_group_ends_the_command_too(tmp_path: Path, signum: int) -> None:
    """Ctrl-C, a CI job's cancel and ``kill -- -GROUP`` signal the workers too: one that died of it broke the pool
    while the parent shut it down, and the parent waited for ever at exit (at some moments of the load)."""
    write_corpus(str(tmp_path), 40, 7)
    env = {**os.environ, "PYTHONPATH": str(REPO), "ACCOUNTPLAN_CACHE": "off"}
    for delay in (0.0, 0.2, 0.4, 0.6, 0.8):
        check = subprocess.Popen([sys.executable, "-m", "generator", "check", "--no-cache"], cwd=tmp_path, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                 start_new_session=True, preexec_fn=_default_sigint)
        workers: list[int] = []
        deadline = time.monotonic() + 60
        while len(workers) < 2 and check.poll() is None and time.monotonic() < deadline:
            workers = _children(check.pid)
            time.sleep(0.02)
        time.sleep(delay)
        if check.poll() is not None:
            continue  # done before the signal: nothing to stop
        os.killpg(check.pid, signum)
        try:
            _, err = check.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(check.pid, signal.SIGKILL)
            raise AssertionError(f"still running 60 s after the signal ({delay} s after its workers started)") from None
        assert check.returncode in (128 + signum, 0), err  # 0: it finished while the signal was on its way
        assert "Traceback" not in err, err
        time.sleep(0.5)
        assert [pid for pid in workers if _alive(pid)] == []


def test_a_stop_while_the_old_site_is_deleted_still_deletes_it(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The old site is renamed away, the new one renamed in, then the old one deleted: a kill in that last step
    left ``.site.old-PID`` behind, restricted pages and all (an erased person's among them)."""
    from generator.publish import atomic

    target, new = tmp_path / "site", tmp_path / "new"
    for folder, text in ((target, "old"), (new, "new")):
        (folder / "team").mkdir(parents=True)
        (folder / "team" / "index.html").write_text(text, encoding="utf-8")
    real = shutil.rmtree
    calls: list[str] = []

    def interrupted(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        calls.append(str(path))
        if len(calls) == 1:
            raise KeyboardInterrupt  # the signal arrives as the deletion starts
        real(path, ignore_errors=True)

    monkeypatch.setattr(atomic.shutil, "rmtree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.swap_folder(new, target)
    assert (target / "team" / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
