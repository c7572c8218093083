"""The benchmark corpus is valid and reproducible; the load cache never changes what a check reports."""

from __future__ import annotations

import datetime as dt
import io
import os
import pickle
import shutil
from pathlib import Path

import pytest

from generator import usercache
from generator.cli import main
from generator.config import Settings
from generator.diagnostics import Diagnostic, Severity
from generator.incremental import file_keys, load_blobs
from generator.incremental import load as cache_module
from generator.load import portfolio as portfolio_module
from generator.load.portfolio import load_portfolio
from generator.load.tasks import Task
from generator.model import keys
from generator.model.portfolio import Portfolio
from generator.rules import validate
from tests.bench.corpus import write_corpus

SETTINGS = Settings(today=dt.date(2026, 11, 27))


def exact(diagnostics: list[Diagnostic]) -> list[tuple[str, str, tuple[str | int, ...]]]:
    """Everything a diagnostic says (its equality ignores message, severity and loc)."""
    return [(d.one_line(), d.severity.label, d.loc) for d in diagnostics]


def checked(root: str, cache: str | Path | None = None, **kw: object
            ) -> tuple[Portfolio, list[tuple[str, str, tuple[str | int, ...]]]]:
    """The portfolio at ``root`` and what validating it says; loaded through the load cache in ``cache`` if given."""
    portfolio = (cache_module.load_portfolio(root, str(cache), **kw) if cache is not None  # type: ignore[arg-type]
                 else load_portfolio(root, **kw))  # type: ignore[arg-type]
    return portfolio, exact(validate(portfolio, SETTINGS))


@pytest.fixture(autouse=True, params=["read-here", "read-by-a-child"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test twice: the load cache reading files as a server's save does, and (as a merge build at scale does)
    with a child process reading, stat-ing and hashing them all first (:mod:`generator.incremental.file_keys`)."""
    if request.param == "read-by-a-child":
        monkeypatch.setattr(cache_module, "PREFETCH", 0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    return write_corpus(str(tmp_path_factory.mktemp("corpus")), 3, seed=7)


def test_corpus_loads_without_errors(corpus: str) -> None:
    portfolio = load_portfolio(corpus, jobs=1)
    assert [d.one_line() for d in portfolio.diagnostics if d.severity is Severity.ERROR] == []
    assert len(portfolio.dossiers) == 3
    for dossier in portfolio.dossiers:
        assert len(dossier.contacts) == 20 and len(dossier.activities) == 40
        assert (len(dossier.opportunities), len(dossier.actions)) == (3, 4)
        account = dossier.account.data
        assert (len(account.sources), len(account.plans), len(account.kpi)) == (5, 5, 3)
        assert {c.data.level for c in dossier.contacts} == {"executive", "senior", "middle", "staff"}
    # References between files resolve: the corpus exercises the cross-file rules without tripping them.
    assert not [d for d in validate(portfolio, SETTINGS) if d.code in ("AP201", "AP202", "AP203", "AP204")]


def test_corpus_is_deterministic_by_seed(tmp_path: Path) -> None:
    def files(seed: int, where: str) -> dict[str, bytes]:
        root = Path(write_corpus(str(tmp_path / where), 2, seed))
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.*"))}

    first = files(1, "a")
    assert files(1, "b") == first
    assert files(2, "c") != first


def test_warm_cache_reports_exactly_what_a_cold_run_does(corpus: str, tmp_path: Path) -> None:
    store = str(tmp_path / "cache")
    cold_portfolio, cold = checked(corpus, jobs=1)
    _, first = checked(corpus, jobs=1, cache=store)
    warm_portfolio, warm = checked(corpus, jobs=1, cache=store)
    assert first == cold and warm == cold
    assert [d.account.data for d in warm_portfolio.dossiers] == [d.account.data for d in cold_portfolio.dossiers]
    assert [d.contacts[0].positions for d in warm_portfolio.dossiers] == [
        d.contacts[0].positions for d in cold_portfolio.dossiers
    ]


def test_cache_sees_an_edited_file(corpus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Trust stat signatures at once, so that the edit must be found by size, mtime or ctime.
    monkeypatch.setattr(keys, "RACY_NS", 0)
    store = str(tmp_path / "cache")
    checked(corpus, jobs=1, cache=store)
    contact = next(Path(corpus).glob("*/contacts/*.md"))
    original = contact.read_bytes()
    stat = contact.stat()
    try:
        # Same size, old mtime restored: only the content and the ctime differ.
        contact.write_bytes(original.replace(b"support: ", b"suppurt: ", 1))
        os.utime(contact, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        _, warm = checked(corpus, jobs=1, cache=store)
        _, cold = checked(corpus, jobs=1)
        assert warm == cold
        assert any("unknown key 'suppurt'" in line for line, _, _ in warm)
    finally:
        contact.write_bytes(original)
    _, restored = checked(corpus, jobs=1, cache=store)
    assert restored == checked(corpus, jobs=1)[1]


def test_corrupt_cache_files_are_ignored_and_rewritten(corpus: str, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    _, cold = checked(corpus, jobs=1, cache=str(store))
    packs = sorted(store.rglob("*.pack"))
    assert len(packs) == 4  # three accounts and the roster
    packs[0].write_bytes(b"\x80\x05 not a pickle")
    packs[1].write_bytes(b"")
    packs[2].write_bytes(pickle.dumps({"x": "not an entry"}))
    packs[3].write_bytes(packs[3].read_bytes()[:-100])  # truncated, as by a full disk
    _, warm = checked(corpus, jobs=1, cache=str(store))
    assert warm == cold
    for pack in packs:
        assert isinstance(usercache.unseal(pack.read_bytes()), dict)


def test_code_changes_invalidate_the_cache(corpus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    checked(corpus, jobs=1, cache=str(store))
    monkeypatch.setattr(cache_module, "cache_version", lambda: "0123456789abcdef")
    checked(corpus, jobs=1, cache=str(store))
    # Packs of the old version are deleted: they could never be read again.
    assert [p.name for p in store.iterdir()] == ["0123456789abcdef"]


def test_parallel_loading_matches_serial_and_reports_progress(corpus: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(portfolio_module, "PARALLEL_THRESHOLD", 1)
    calls: list[tuple[int, int]] = []
    parallel_portfolio, parallel = checked(corpus, jobs=2, progress=lambda done, total: calls.append((done, total)))
    serial_portfolio, serial = checked(corpus, jobs=1)
    assert parallel == serial
    assert [d.contacts for d in parallel_portfolio.dossiers] == [d.contacts for d in serial_portfolio.dossiers]
    total = 1 + 3 * (61 + 3 + 4)  # account, contacts, activities, opportunities, actions
    assert calls[-1] == (total, total)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_check_command_uses_the_cache_unless_told_not_to(corpus: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ACCOUNTPLAN_CACHE", raising=False)
    main(["check", corpus, "--no-cache", "--today", "2026-11-27"])
    assert not (tmp_path / ".cache").exists()
    cold = capsys.readouterr().out
    monkeypatch.setenv("ACCOUNTPLAN_CACHE", "off")
    main(["check", corpus, "--today", "2026-11-27"])
    assert not (tmp_path / ".cache").exists()
    monkeypatch.delenv("ACCOUNTPLAN_CACHE")
    main(["check", corpus, "--today", "2026-11-27"])
    main(["check", corpus, "--today", "2026-11-27"])
    assert not (tmp_path / ".cache").exists()  # the cache is in the user's cache folder, not the working tree
    assert Path(str(usercache.project_folder(tmp_path))).is_dir()
    main(["check", corpus, "--today", "2026-11-27", "--cache-dir", "elsewhere"])
    assert (tmp_path / "elsewhere").is_dir()
    runs = capsys.readouterr().out
    assert runs == cold * 4  # off, cold cache, warm cache, another folder


def test_progress_is_quiet_off_a_terminal_unless_forced() -> None:
    from generator.cli.progress import Progress

    log = io.StringIO()
    quiet = Progress("parsed", stream=log)
    quiet(5, 10)
    quiet(10, 10)
    assert log.getvalue() == ""
    loud = Progress("parsed", stream=log, force=True, interval=0)
    loud(5, 10)
    loud(10, 10)
    assert log.getvalue() == "parsed 5/10 (50%)\nparsed 10/10 (100%)\n"


def test_a_long_running_process_reads_only_packs_rewritten_since(corpus: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Packs were written a moment ago: a server's first rebuild comes right after its first build,
    # and its own packs are kept although their stat is racy-fresh (entries check their files).
    store = tmp_path / "cache"
    _, cold = checked(corpus, jobs=1, cache=str(store))
    reads: list[str] = []
    read_pack = load_blobs._read_pack

    def counting(path: str) -> dict[str, object]:
        reads.append(path)
        return read_pack(path)  # type: ignore[return-value]

    monkeypatch.setattr(load_blobs, "_read_pack", counting)
    _, warm = checked(corpus, jobs=1, cache=str(store))
    assert warm == cold and reads == []  # every pack is still in memory, unchanged on disk

    contact = next(Path(corpus).glob("*/contacts/*.md"))
    original = contact.read_bytes()
    try:
        contact.write_bytes(original.replace(b"support: ", b"suppurt: ", 1))
        _, edited = checked(corpus, jobs=1, cache=str(store))
        assert any("unknown key 'suppurt'" in line for line, _, _ in edited)
        assert reads == []  # the edited file is parsed; its pack is in memory, rewritten from there
        # Another process puts an older pack in place: its file changed, so it is read again.
        pack = max(store.rglob("*.pack"), key=lambda p: p.stat().st_mtime_ns)
        pack.write_bytes(pack.read_bytes() + b"")
        os.utime(pack, ns=(1_000_000_000, 1_000_000_000))
        _, again = checked(corpus, jobs=1, cache=str(store))
        assert again == edited and reads == [str(pack)]
    finally:
        contact.write_bytes(original)
    assert checked(corpus, jobs=1, cache=str(store))[1] == cold


def test_check_index_on_the_corpus_reports_what_a_cold_check_does(corpus: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.incremental import check as index

    monkeypatch.setattr(keys, "RACY_NS", 0)
    store = str(tmp_path / "cache")
    cold = checked(corpus, jobs=1)[1]
    assert exact(index.check(corpus, SETTINGS, store, jobs=1)) == cold
    assert any(severity == "warning" for _, severity, _ in cold)  # the corpus warns as real data would
    contact = sorted(Path(corpus).glob("*/contacts/*.md"))[5]
    original = contact.read_bytes()
    try:
        contact.write_bytes(original.replace(b"support: ", b"support: 9\nsupport_was: ", 1) + b"\nOn sick leave.\n")
        edited = checked(corpus, jobs=1)[1]
        assert edited != cold and exact(index.check(corpus, SETTINGS, store, jobs=1)) == edited
    finally:
        contact.write_bytes(original)
    assert exact(index.check(corpus, SETTINGS, store, jobs=1)) == cold


def test_a_checkout_rewrites_the_stats_not_the_packs(corpus: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file written anew with the same bytes (as CI's checkout leaves them): read and hashed once, found in
    the cache, and only the stats blob is written again; the next load reads nothing."""
    monkeypatch.setattr(keys, "RACY_NS", 0)
    store = tmp_path / "cache"
    copy = tmp_path / "checkout"
    shutil.copytree(corpus, copy)
    _, cold = checked(str(copy), jobs=1, cache=str(store))
    packs = {p: p.stat().st_mtime_ns for p in store.rglob("*.pack")}
    fresh = tmp_path / "fresh"
    shutil.copytree(copy, fresh)
    shutil.rmtree(copy)
    fresh.rename(copy)  # new inodes and times, the same paths and bytes
    reads = _reads(monkeypatch)
    parsed: list[object] = []
    parse = portfolio_module.parse_files
    monkeypatch.setattr(portfolio_module, "parse_files", lambda todo, *a: parsed.extend(todo) or parse(todo, *a))
    _, warm = checked(str(copy), jobs=1, cache=str(store))
    assert warm == cold and parsed == [] and len(reads) == sum(1 for p in copy.rglob("*") if p.is_file())
    assert {p: p.stat().st_mtime_ns for p in store.rglob("*.pack")} == packs  # no pack written again
    reads.clear()
    load_blobs.opened_stats.clear()  # as a new process: the stats blob is read from disk
    assert checked(str(copy), jobs=1, cache=str(store))[1] == cold and reads == []


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose content the load cache reads from now on: here, or in its child (:mod:`.file_keys`, which
    reads every file beforehand) where the load asks for the digest it found."""
    reads: list[str] = []
    read, get = cache_module._read, file_keys.Prefetch.get
    monkeypatch.setattr(cache_module, "_read", lambda path: reads.append(path) or read(path))

    def got(self: file_keys.Prefetch) -> file_keys.Seen:
        found = get(self)
        digest = found.digest
        monkeypatch.setattr(found, "digest", lambda i: reads.append(self.paths[i]) or digest(i))
        return found

    monkeypatch.setattr(file_keys.Prefetch, "get", got)
    return reads


def test_a_stat_seen_with_other_content_is_not_trusted(corpus: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A stats blob and a pack from different runs (two processes writing at once): the file is read again."""
    monkeypatch.setattr(keys, "RACY_NS", 0)
    store = tmp_path / "cache"
    copy = tmp_path / "tree"
    shutil.copytree(corpus, copy)
    checked(str(copy), jobs=1, cache=str(store))
    contact = next(copy.glob("*/contacts/*.md"))
    [blob] = [b for b in store.rglob(f"{load_blobs.STATS}.*") if str(contact) in (usercache.load(str(b)) or {})]
    stats = usercache.load(str(blob))
    assert isinstance(stats, dict)
    signature, _ = stats[str(contact)]
    stats[str(contact)] = (signature, "another content key")
    usercache.dump(str(blob.parent), blob.name, stats)
    load_blobs.opened_stats.clear()
    contact.write_bytes(contact.read_bytes().replace(b"support: ", b"suppurt: ", 1))
    os.utime(contact, ns=(signature[1], signature[1]))  # mtime as cached; ctime and the bytes differ
    stats[str(contact)] = (file_keys.signature_at(str(contact)), stats[str(contact)][1])  # its stat now, old key
    usercache.dump(str(blob.parent), blob.name, stats)
    load_blobs.opened_stats.clear()
    _, warm = checked(str(copy), jobs=1, cache=str(store))
    assert any("unknown key 'suppurt'" in line for line, _, _ in warm)
    assert warm == checked(str(copy), jobs=1)[1]


def test_a_file_saved_again_while_it_is_parsed_is_cached_as_parsed(corpus: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The lookup reads version 2, an editor saves version 3 before the parse reads it: the cache holds the parse
    under version 3's key, so version 2 written back later is parsed again, not taken for version 3 (found by a
    review; the cache held it under the lookup's key since the first round)."""
    monkeypatch.setattr(keys, "RACY_NS", 0)
    store, copy = str(tmp_path / "cache"), tmp_path / "tree"
    shutil.copytree(corpus, copy)
    account = next(copy.glob("*/account.md"))
    task = Task(str(account), str(account), "account", account.parent.name)
    original = account.read_text("utf-8")
    two, three = (original.replace("\nname: ", f"\nname: {word} ", 1) for word in ("Two", "Three"))

    def name() -> str:
        [(_, doc, _)] = cache_module.load_files([task], store)
        assert doc is not None
        return str(doc.data.name)

    name()
    account.write_text(two, "utf-8")
    parse = portfolio_module.parse_files

    def saving_meanwhile(todo: list[Task], *args: object) -> object:
        account.write_text(three, "utf-8")
        return parse(todo, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(portfolio_module, "parse_files", saving_meanwhile)
    assert name().startswith("Three ")
    monkeypatch.setattr(portfolio_module, "parse_files", parse)
    account.write_text(two, "utf-8")
    assert name().startswith("Two ")


def test_stats_of_deleted_files_are_dropped(corpus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "RACY_NS", 0)
    store, copy = tmp_path / "cache", tmp_path / "tree"
    shutil.copytree(corpus, copy)
    checked(str(copy), jobs=1, cache=str(store))
    contacts = sorted(copy.glob("*/contacts/*.md"))
    gone = contacts[0]
    gone.unlink()
    contacts[1].write_bytes(contacts[1].read_bytes() + b"\n")  # a change in the same folder rewrites its shard
    load_blobs.opened_stats.clear()
    checked(str(copy), jobs=1, cache=str(store))
    held = [p for blob in store.rglob(f"{load_blobs.STATS}.*") for p in (usercache.load(str(blob)) or {})]
    assert str(contacts[1]) in held and str(gone) not in held
