"""The check index (generator/incremental/check.py) reports exactly what a cold check does, after any change.

Each test copies the sample portfolio, fills the index, changes real files, and compares the
re-check with a cold ``validate(load_portfolio(...))`` of the same files, every field of every
diagnostic (the JSON format). A spy on folder discovery shows which account folders the
re-check actually loaded, so the tests also prove that unchanged folders are skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.cli as command_line
from generator.cli import main
from generator.config import Settings
from generator.diagnostics import format_json
from generator.incremental import check as index
from generator.load.portfolio import load_portfolio
from generator.model import keys
from generator.rules import validate

SAMPLE = Path(__file__).resolve().parents[1] / "accounts"
SETTINGS = Settings(today=dt.date(2027, 6, 1))
"""Late enough that stale sources, reviews and overdue plans show up in most folders."""
FOLDERS = sorted(p.name for p in SAMPLE.iterdir() if p.is_dir())


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample at ``accounts``, relative to the working folder, as a user passes it."""
    # Trust stat signatures at once, so that every edit must be found by the stat walk alone.
    monkeypatch.setattr(keys, "RACY_NS", 0)
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLE, tmp_path / "accounts")
    return Path("accounts")


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Slugs of the account folders the index had to discover and load, in order, since the last clear."""
    seen: list[str] = []
    discover = index.discover_folder

    def spy(path: str, cwd: str) -> tuple[list, list]:  # type: ignore[type-arg]
        seen.append(os.path.basename(path))
        return discover(path, cwd)

    monkeypatch.setattr(index, "discover_folder", spy)
    return seen


def cold(root: Path, settings: Settings = SETTINGS) -> str:
    return format_json(validate(load_portfolio(str(root), jobs=1), settings))


def warm(root: Path, settings: Settings = SETTINGS, store: str = "cache") -> str:
    return format_json(index.check(str(root), settings, store, jobs=1))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def add_contact(root: Path) -> None:
    """A new contact whose id does not match its file name (AP201) and who reports to nobody known (AP202)."""
    source = root / "atlas-freight" / "contacts" / "c-bart-peeters.md"
    target = source.with_name("c-new-person.md")
    target.write_text(source.read_text(encoding="utf-8").replace("reports_to: c-rui-fonseca", "reports_to: c-ghost"))


def break_yaml(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("name:", "name: [unclosed", 1), encoding="utf-8")


def symlink(root: Path) -> None:
    (root / "lumen-retail" / "contacts" / "c-link.md").symlink_to("c-does-not-matter.md")


def same_size_edit(root: Path) -> None:
    """One letter changed and the old mtime put back: only the ctime tells the file changed."""
    path = root / "borealis-bank" / "account.md"
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b"tier: ", b"tiir: ", 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


EDITS: dict[str, tuple[Callable[[Path], object], list[str] | None]] = {
    # name: (edit, the folders the re-check loads; None for every folder)
    "contact body": (lambda r: append(r / "atlas-freight/contacts/c-bart-peeters.md", "\nMentioned his diabetes.\n"),
                     ["atlas-freight"]),
    "unknown reference": (lambda r: replace_in(r / "atlas-freight/contacts/c-bart-peeters.md",
                                               "reports_to: c-rui-fonseca", "reports_to: c-nobody"),
                          ["atlas-freight"]),
    "new contact file": (add_contact, ["atlas-freight"]),
    "referenced contact removed": (lambda r: (r / "atlas-freight/contacts/c-greta-maes.md").unlink(),
                                   ["atlas-freight"]),
    "activity renamed": (lambda r: (r / "atlas-freight/activities/2026-09-10-invoice-fix-call.md").rename(
        r / "atlas-freight/activities/2026-09-10-Invoice-Fix.md"), ["atlas-freight"]),
    "account name duplicated": (lambda r: replace_in(r / "borealis-bank/account.md", "name: ",
                                                     "name: Atlas Freight Lines\nformer_name: "), ["borealis-bank"]),
    "folder copied": (lambda r: shutil.copytree(r / "lumen-retail", r / "lumen-retail-copy"), ["lumen-retail-copy"]),
    "parent folder removed": (lambda r: shutil.rmtree(r / "helios-telecom"), []),
    "parent folder renamed": (lambda r: (r / "helios-telecom").rename(r / "helios-group"), ["helios-group"]),
    "parent's account.md broken": (lambda r: break_yaml(r / "helios-telecom/account.md"), ["helios-telecom"]),
    "account.md removed": (lambda r: (r / "meridian-rail/account.md").unlink(), ["meridian-rail"]),
    "empty folder added": (lambda r: (r / "new-account").mkdir(), ["new-account"]),
    "folder with a bad name": (lambda r: shutil.copytree(r / "lumen-retail", r / "Lumen_Retail"), []),
    "unexpected files": (lambda r: [(r / "notes.txt").write_text("x"), (r / "lumen-retail/contacts/README").write_text(
        "x"), (r / "lumen-retail/drafts").mkdir()], ["lumen-retail"]),
    "hidden file": (lambda r: (r / "lumen-retail/contacts/.c-bart.md.swp").write_text("x"), []),
    "symbolic link": (symlink, ["lumen-retail"]),
    "case clash": (lambda r: shutil.copy(r / "atlas-freight/contacts/c-bart-peeters.md",
                                         r / "atlas-freight/contacts/C-Bart-Peeters.md"), ["atlas-freight"]),
    "same size, old mtime": (same_size_edit, ["borealis-bank"]),
    "roster person removed": (lambda r: replace_in(r / "roster.yml", "  - id: p-tom-hale", "  - id: p-tom-gone"),
                              None),
    "roster rewritten unchanged": (lambda r: (r / "roster.yml").write_bytes((r / "roster.yml").read_bytes()), []),
    "roster broken": (lambda r: break_yaml(r / "roster.yml"), None),
    "roster removed": (lambda r: (r / "roster.yml").unlink(), None),
}


@pytest.mark.parametrize("name", EDITS)
def test_a_recheck_after_a_change_reports_what_a_cold_check_does(name: str, root: Path, loaded: list[str]) -> None:
    edit, expected = EDITS[name]
    before = warm(root)
    assert before == cold(root)
    assert loaded == FOLDERS  # the first run fills the index
    loaded.clear()
    assert warm(root) == before and loaded == []  # nothing changed: nothing loaded
    edit(root)
    after = cold(root)
    assert after != before or name in ("hidden file", "roster rewritten unchanged")
    assert warm(root) == after
    folders = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != "Lumen_Retail")
    assert sorted(loaded) == (folders if expected is None else expected)
    loaded.clear()
    assert warm(root) == after and loaded == []


def test_every_change_in_turn(root: Path, loaded: list[str]) -> None:
    """The index stays right across a sequence of changes, each re-check building on the previous index."""
    warm(root)
    for name, (edit, _) in EDITS.items():
        if name not in ("parent folder removed", "parent folder renamed", "roster removed"):
            edit(root)
            assert warm(root) == cold(root), f"after {name}"


@pytest.mark.parametrize("change", [
    {"today": dt.date(2026, 11, 27)},
    {"rules": {"AP307": "off"}},
    {"rules": {"AP308": "error", "AP205": "info"}},
    {"limits": dataclasses.replace(SETTINGS.limits, source_max_age_days=30)},
])
def test_changed_settings_check_every_folder_again(change: dict[str, object], root: Path, loaded: list[str]) -> None:
    settings = dataclasses.replace(SETTINGS, **change)  # type: ignore[arg-type]
    warm(root)
    loaded.clear()
    result = warm(root, settings)
    assert result == cold(root, settings) != cold(root)
    assert loaded == FOLDERS


def test_changed_code_or_working_folder_check_every_folder_again(root: Path, loaded: list[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    warm(root)
    loaded.clear()
    monkeypatch.setattr(index, "code_version", lambda: "0123456789abcdef")
    assert warm(root) == cold(root) and loaded == FOLDERS
    # From another folder the same files are shown by other paths.
    loaded.clear()
    monkeypatch.chdir(root)
    result = warm(Path("."), store="../cache")
    assert result == cold(Path(".")) and '"path": "atlas-freight/account.md"' in result
    assert loaded == FOLDERS


def test_a_damaged_index_is_rebuilt(root: Path, loaded: list[str]) -> None:
    expected = warm(root)
    [written] = Path("cache").glob("*/check-*")
    for damage in (b"", b"\x80\x05 not a pickle", written.read_bytes()[:-50]):
        written.write_bytes(damage)
        loaded.clear()
        assert warm(root) == expected and loaded == FOLDERS
    loaded.clear()
    assert warm(root) == expected and loaded == []


def test_fresh_files_are_not_trusted_until_the_racy_window_passed(root: Path, loaded: list[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Every file counts as just written: no folder may be trusted by its stat, so each run loads them all
    # (through the load cache, which compares contents) and still reports the same.
    monkeypatch.setattr(keys, "RACY_NS", 10**20)
    expected = warm(root)
    loaded.clear()
    assert warm(root) == expected and loaded == FOLDERS
    monkeypatch.setattr(keys, "RACY_NS", 0)
    loaded.clear()
    assert warm(root) == expected and loaded == FOLDERS  # kept untrusted: checked once more
    loaded.clear()
    assert warm(root) == expected and loaded == []


def test_missing_accounts_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert warm(Path("nowhere")) == cold(Path("nowhere")) != "[]"


def cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["check", *args, "--today", "2027-06-01"])
    out, _ = capsys.readouterr()
    return status, out


@pytest.mark.parametrize("form", ["text", "json", "github"])
def test_check_command_gives_the_same_output_with_and_without_the_index(
        form: str, root: Path, loaded: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    args = ("accounts", "--format", form, "--cache-dir", "cache")
    first = cli(*args, capsys=capsys)
    assert first == cli("accounts", "--format", form, "--no-cache", capsys=capsys)
    assert Path("cache").is_dir() and loaded == FOLDERS
    replace_in(root / "atlas-freight/contacts/c-bart-peeters.md", "support: 4", "support: 9")
    loaded.clear()
    edited = cli(*args, capsys=capsys)
    assert edited == cli("accounts", "--format", form, "--no-cache", capsys=capsys)
    assert edited[0] == 1 and edited != first and loaded == ["atlas-freight"]
    # Paths given on the command line only narrow the report.
    one = str(root / "atlas-freight")
    assert cli(one, "--format", form, "--cache-dir", "cache", capsys=capsys) == cli(
        one, "--format", form, "--no-cache", capsys=capsys)


def imported_after(code: str) -> set[str]:
    """The ``generator`` modules a fresh interpreter has imported after running ``code``."""
    script = f"import sys\n{code}\nprint(' '.join(m for m in sys.modules if m.startswith('generator')))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    return set(done.stdout.split("\n")[-2].split())


def test_the_command_line_imports_only_the_subcommand_it_runs() -> None:
    checking = imported_after("from generator.cli import main; main(['check', '--no-cache', '--today', '2026-11-27'])")
    assert "generator.cli.check" in checking and "generator.rules" in checking
    assert not {m for m in checking if m.startswith(("generator.render", "generator.score", "generator.edit"))}
    assert not {"generator.cli.render", "generator.cli.build", "generator.cli.score"} & checking
    helping = imported_after("from generator.cli import parser; parser(['check', '--help'])")
    assert "generator.cli.check" in helping and "generator.load.portfolio" not in helping
    assert "generator.rules" not in helping
    everything = imported_after("from generator.cli import parser; parser(['--help'])")
    assert {f"generator.cli.{name}" for name in command_line.COMMANDS} <= everything


@pytest.mark.parametrize(("argv", "wanted"), [
    (["check", "accounts"], ("check",)),
    (["--config", "site/mkdocs.yml", "score", "--format", "json"], ("score",)),
    (["--config=mkdocs.yml", "render", "--out", "x"], ("render",)),
    (["--help"], command_line.COMMANDS),
    (["--conf", "x", "check"], command_line.COMMANDS),  # an abbreviated option: let argparse see every subcommand
    (["chek"], command_line.COMMANDS),
    ([], command_line.COMMANDS),
])
def test_the_subcommand_is_found_in_the_arguments(argv: list[str], wanted: tuple[str, ...]) -> None:
    assert tuple(command_line._wanted(argv)) == wanted
