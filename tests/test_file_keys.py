"""Every dossier file's stat and digest, read by a child process beside the load
(:mod:`generator.incremental.file_keys`)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.incremental import child, file_keys
from generator.incremental import load as cache_module


def _files(root: Path) -> list[str]:
    for name, text in {"a.md": "one", "b.md": "two", "sub/c.md": "three"}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")
    return [str(root / name) for name in ("a.md", "b.md", "sub/c.md")] + [str(root / "gone.md")]


def _all(found: file_keys.Seen, count: int = 4) -> list[tuple[file_keys.Signature | None, str | None]]:
    return [(found.signature(i), found.digest(i)) for i in range(count)]


def test_the_child_sees_what_this_process_sees(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    found = file_keys.Prefetch(paths).get()
    here = file_keys.Seen(*file_keys.seen(paths))
    assert _all(found) == _all(here)
    assert [found.digest(i) for i in range(len(paths))] == [
        cache_module._digest(path) for path in paths[:3]] + [None]  # the load's own digest; a missing file
    assert [found.signature(i) for i in range(len(paths))] == [file_keys.signature_at(path) for path in paths]
    assert found.before <= here.before <= time.time_ns()


def test_stats_taken_just_after_a_write_are_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The age of a stat counts from when the child began: a file written a moment before is too fresh to trust,
    however long the load took to ask."""
    monkeypatch.setattr(cache_module.keys, "RACY_NS", 300_000_000)
    paths = _files(tmp_path)[:1]
    found = file_keys.Prefetch(paths).get()
    before, signature = found.before, found.signature(0)
    assert signature is not None
    time.sleep(0.4)  # the load asks later than the racy window: its own clock would trust the stat
    assert cache_module._trusted(signature) == signature
    assert cache_module._trusted(signature, before) is None
    time.sleep(0.4)  # a child begun after the window is trusted
    found = file_keys.Prefetch(paths).get()
    assert cache_module._trusted(found.signature(0), found.before) == found.signature(0)


@pytest.mark.parametrize("child_says", ["raise SystemExit(1)", "import sys; sys.stdout.write('x' * 100000)", ""])
def test_without_a_whole_answer_this_process_reads_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             child_says: str) -> None:
    """A child that fails, answers too much, or answers nothing: the same as a child's answer, made here."""
    monkeypatch.setattr(child, "command", lambda module_file: [sys.executable, "-c", child_says])
    made: list[int] = []
    seen = file_keys.seen
    monkeypatch.setattr(file_keys, "seen", lambda paths: made.append(len(paths)) or seen(paths))
    paths = _files(tmp_path)
    assert _all(file_keys.Prefetch(paths).get()) == [
        (file_keys.signature_at(path), cache_module._digest(path)) for path in paths[:3]] + [(None, None)]
    assert made == [len(paths)]


def test_the_child_answers_without_waiting_for_the_end_of_its_input(tmp_path: Path) -> None:
    """A worker forked while the request was written holds the pipe open: the child reads frames, not to the end."""
    paths = _files(tmp_path)[:1]
    process = subprocess.Popen(child.command(file_keys.__file__), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    try:
        for frame in child.frames([os.fsencode(paths[0] + "\0")]):
            process.stdin.write(frame)
        process.stdin.flush()  # not closed
        answer = process.stdout.read(16 + file_keys.RECORD.size)
        assert process.wait(timeout=30) == 0
    finally:
        process.stdin.close()
        process.kill()
    found = file_keys.Seen(int.from_bytes(answer[:8], "little"), [answer[16:]])
    assert _all(found, 1) == [(file_keys.signature_at(paths[0]), cache_module._digest(paths[0]))]


def test_an_inode_beyond_63_bits_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Network and overlay file systems give inode numbers up to 2**64 - 1 (found by a helper's review)."""
    def large(st: os.stat_result) -> file_keys.Signature:
        return st.st_size, st.st_mtime_ns, st.st_ctime_ns, 2**64 - 1

    monkeypatch.setattr(file_keys, "signature", large)
    paths = _files(tmp_path)
    found = file_keys.Seen(*file_keys.seen(paths))
    assert found.signature(0) == large(os.stat(paths[0])) and found.digest(0) == cache_module._digest(paths[0])


def test_a_pipe_or_a_link_put_among_the_files_is_not_read(tmp_path: Path) -> None:
    """Discovery refuses both; one swapped in after it is reported unreadable (the load then parses it and says
    why), never waited for or followed."""
    paths = _files(tmp_path)
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    found = file_keys.Prefetch([str(tmp_path / "pipe.md"), str(tmp_path / "link.md"), paths[0]]).get()
    assert [found.digest(i) for i in range(3)] == [None, None, cache_module._digest(paths[0])]
    assert found.signature(0) is not None and found.signature(1) is not None


def test_a_name_that_is_not_utf8_reaches_the_child_as_the_file_system_names_it(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9 \xe4\xb8\xad.md")  # Latin-1 bytes, then UTF-8: undecodable as either alone
    path = tmp_path / name
    path.write_bytes(b"name: x\n")
    found = file_keys.Prefetch([str(path)]).get()
    assert _all(found, 1)[0] == (file_keys.signature_at(str(path)), cache_module._digest(str(path))) != (None, None)


def test_an_answer_in_many_pieces_is_read_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _files(tmp_path)
    monkeypatch.setattr(file_keys, "CHUNK", 3)  # the request and the answer in pieces of 3 files: 3 + 1
    found = file_keys.Prefetch(paths).get()
    assert len(found._pieces) == 2
    assert _all(found) == [(file_keys.signature_at(path), cache_module._digest(path)) for path in paths[:3]] + [
        (None, None)]


def test_the_childs_digest_is_the_loaders(tmp_path: Path) -> None:
    """The child cannot import the package: its digest is written out again, and must stay the one documents hold."""
    from generator.load.portfolio import load_portfolio
    from generator.model.keys import content_digest

    raw = b"---\nid: x\n---\n\xe4\xb8\xad\n"
    assert file_keys._digest(raw).hex() == content_digest(raw)
    sample = Path(__file__).resolve().parents[1] / "accounts"
    account = next(sample.glob("*/account.md"))
    [dossier] = [d for d in load_portfolio(str(sample)).dossiers if d.slug == account.parent.name]
    assert dossier.account.digest == file_keys._digest(account.read_bytes()).hex()


def test_a_file_larger_than_the_loader_reads_is_not_read(tmp_path: Path) -> None:
    """A sparse terabyte (or any file past the loader's limit) is reported unreadable, then parsed and reported too
    large by the loader; reading it whole ran out of memory (found by a helper's review)."""
    huge = tmp_path / "huge.md"
    with huge.open("wb") as handle:
        handle.truncate(2**40)
    found = file_keys.Prefetch([str(huge)]).get()
    assert found.signature(0) is not None and found.digest(0) is None
    assert file_keys.Seen(*file_keys.seen([str(huge)])).digest(0) is None
    assert cache_module._read(str(huge)) is None
    from generator.load.tasks import READ_LIMIT

    assert file_keys.LARGEST == READ_LIMIT  # the child's copy of the loader's limit


def test_an_answer_with_bytes_beyond_its_records_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _files(tmp_path)
    real = child.command(file_keys.__file__)
    extra = "import runpy, sys; runpy.run_path(sys.argv[1], run_name='__main__')"
    wrapper = tmp_path / "wrapper.py"
    wrapper.write_text(f"import atexit, sys\natexit.register(lambda: sys.stdout.buffer.write(b'xxxxx'))\n{extra}\n")
    monkeypatch.setattr(child, "command", lambda module_file: [*real[:-1], str(wrapper), module_file])
    made: list[int] = []
    seen = file_keys.seen
    monkeypatch.setattr(file_keys, "seen", lambda paths: made.append(len(paths)) or seen(paths))
    monkeypatch.setattr(file_keys, "CHUNK", 3)  # the last piece's read would take the extra bytes
    assert _all(file_keys.Prefetch(paths).get())[:3] == [
        (file_keys.signature_at(path), cache_module._digest(path)) for path in paths[:3]]
    assert made == [len(paths)]
