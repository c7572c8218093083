"""CODEOWNERS in a hostile working tree: a pull request can commit links, so ``new account`` never writes through
one (a linked ``.github`` or ``docs`` folder, a linked file) nor waits on a pipe, and ``check`` reads none."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import codeowners

from .conftest import cli

CATCH_ALL = "* @org/maintainers\n"


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the repository with a CODEOWNERS file of its own."""
    folder = tmp_path_factory.mktemp("elsewhere")
    (folder / "CODEOWNERS").write_text(CATCH_ALL, encoding="utf-8")
    return folder


def new_account(capsys: pytest.CaptureFixture[str], slug: str = "zeta-corp") -> tuple[int, str, str]:
    """``accountplan new account SLUG`` run in a thread, so a read that waits on a pipe fails the test, not hangs."""
    result: list[tuple[int, str, str]] = []
    runner = threading.Thread(target=lambda: result.append(cli(capsys, "new", "account", slug, "--as",
                                                               "p-tom-hale")), daemon=True)
    runner.start()
    runner.join(timeout=20)
    assert result, "accountplan new account hung"
    return result[0]


def test_normal_codeowners_gets_the_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text(CATCH_ALL, encoding="utf-8")
    status, out, _ = new_account(capsys)
    assert status == 0 and "added a line for the folder to" in out
    assert (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == (
        CATCH_ALL + "/accounts/zeta-corp/".ljust(32) + "@org/maintainers\n")


@pytest.mark.parametrize("location", ["", "docs/"])
def test_codeowners_at_the_root_or_in_docs_gets_the_line(repo: Path, capsys: pytest.CaptureFixture[str],
                                                         location: str) -> None:
    path = repo / location / "CODEOWNERS"
    path.parent.mkdir(exist_ok=True)
    path.write_text(CATCH_ALL, encoding="utf-8")
    status, _, _ = new_account(capsys)
    assert status == 0 and "/accounts/zeta-corp/" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", [".github", "docs"])
def test_a_linked_folder_outside_is_not_written_through(repo: Path, elsewhere: Path,
                                                        capsys: pytest.CaptureFixture[str], folder: str) -> None:
    (repo / folder).symlink_to(elsewhere, target_is_directory=True)
    status, out, err = new_account(capsys)
    assert (elsewhere / "CODEOWNERS").read_text(encoding="utf-8") == CATCH_ALL
    assert status == 1 and "wrote" in out and "Traceback" not in err
    assert f"{folder} is refused (a symbolic link, not followed), so no CODEOWNERS line was added" in err
    assert (repo / "accounts" / "zeta-corp" / "account.md").is_file()  # the account itself was written


def test_a_linked_file_outside_is_not_written_through(repo: Path, elsewhere: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").symlink_to(elsewhere / "CODEOWNERS")
    status, _, err = new_account(capsys)
    assert (elsewhere / "CODEOWNERS").read_text(encoding="utf-8") == CATCH_ALL
    assert (repo / ".github" / "CODEOWNERS").is_symlink()
    assert status == 1 and ".github/CODEOWNERS is refused (a symbolic link, not followed)" in err


def test_a_linked_file_inside_is_refused_too(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "owners.txt").write_text(CATCH_ALL, encoding="utf-8")
    (repo / "CODEOWNERS").symlink_to("owners.txt")
    status, _, err = new_account(capsys)
    assert status == 1 and "CODEOWNERS is refused (a symbolic link, not followed)" in err
    assert (repo / "owners.txt").read_text(encoding="utf-8") == CATCH_ALL


def test_a_pipe_is_not_waited_on(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".github").mkdir()
    os.mkfifo(repo / ".github" / "CODEOWNERS")
    status, _, err = new_account(capsys)
    assert status == 1 and ".github/CODEOWNERS is refused (not a regular file)" in err and "Traceback" not in err


def test_the_refusal_speaks_chinese(repo: Path, elsewhere: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".github").symlink_to(elsewhere, target_is_directory=True)
    capsys.readouterr()
    status = main(["--config", "", "new", "account", "zeta-corp", "--as", "p-tom-hale", "--lang", "zh"])
    err = capsys.readouterr().err
    assert status == 1 and "CODEOWNERS" in err and "refused" not in err
    assert (elsewhere / "CODEOWNERS").read_text(encoding="utf-8") == CATCH_ALL


def test_check_treats_a_refused_codeowners_as_absent(repo: Path, elsewhere: Path) -> None:
    (repo / ".github").symlink_to(elsewhere, target_is_directory=True)
    assert codeowners.load(str(repo)) is None
    with pytest.raises(codeowners.Refused):
        codeowners.load(str(repo), strict=True)
    os.mkfifo(repo / "CODEOWNERS")
    assert codeowners.load(str(repo)) is None  # neither followed nor waited on
    (repo / "docs").mkdir()
    (repo / "docs" / "CODEOWNERS").write_text(CATCH_ALL, encoding="utf-8")
    found = codeowners.load(str(repo))
    assert found is not None and found.name == "docs/CODEOWNERS"  # the next location GitHub would read


def test_check_runs_with_a_linked_or_piped_codeowners(repo: Path, elsewhere: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".github").symlink_to(elsewhere, target_is_directory=True)
    os.mkfifo(repo / "CODEOWNERS")
    result: list[tuple[int, str, str]] = []
    runner = threading.Thread(target=lambda: result.append(cli(capsys, "check", "--no-cache", "accounts")),
                              daemon=True)
    runner.start()
    runner.join(timeout=60)
    assert result, "accountplan check hung"
    status, out, err = result[0]
    assert status in (0, 1) and "AP207" not in out and "Traceback" not in err
