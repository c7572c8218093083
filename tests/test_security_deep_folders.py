"""A docs or theme folder nested a thousand deep is refused before MkDocs walks it, with a message, not a traceback.

MkDocs walks both with ``os.walk``, which recurses on Python 3.11: such a folder, which a pull request can commit,
ended the build in ``RecursionError`` (found by round 17's attack review). The theme's digest walked it so too.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.incremental.versions import files_digest
from generator.publish.walk import MAX_DEPTH, entries, too_deep
from tests.hostile_fixtures import REPO, accountplan, write_canary_portfolio

LEVELS = 1100


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[Path]:
    """A folder ``LEVELS`` levels deep under ``tmp_path/tree``, removed without recursion afterwards."""
    top = tmp_path / "tree"
    top.mkdir()
    here = os.getcwd()
    os.chdir(top)
    try:
        for _ in range(LEVELS):
            os.mkdir("d")
            os.chdir("d")
        Path("x.html").write_text("x", encoding="utf-8")
    finally:
        os.chdir(here)
    yield top
    _remove(top)


def _remove(top: Path) -> None:
    """Delete a deep tree one level at a time (shutil.rmtree recurses too)."""
    here = os.getcwd()
    try:
        while (top / "d").is_dir():
            os.chdir(top)
            while os.path.isdir("d"):
                os.chdir("d")
            for name in os.listdir("."):
                os.remove(name)
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_the_walk_needs_no_recursion(deep: Path) -> None:
    found = list(entries(deep))
    assert len(found) == LEVELS + 1 and found[-1][0].endswith("x.html") and found[-1][2] == LEVELS + 1
    assert too_deep(deep) == "/".join(["d"] * (MAX_DEPTH + 1))
    assert too_deep(deep, LEVELS + 1) is None
    assert len(files_digest(deep)) == 32


@pytest.mark.parametrize("folder", ["docs", "theme"])
def test_a_build_refuses_a_folder_nested_too_deep(deep: Path, tmp_path: Path, folder: str) -> None:
    project = tmp_path / "project"
    write_canary_portfolio(project)
    if folder == "theme":
        shutil.copytree(REPO / "theme", project / "theme")
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(str(REPO / "theme"), "theme"), encoding="utf-8")
    os.rename(deep / "d", project / folder / "d")
    try:
        done = accountplan("build", "--quiet", cwd=project)
    finally:
        _remove(project / folder)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr, done.stderr[-2000:]
    assert f"{folder}: d/d/d" in done.stderr and f"folders nested more than {MAX_DEPTH} levels deep" in done.stderr


def test_github_annotations_of_a_deep_folder_in_accounts(deep: Path, tmp_path: Path) -> None:
    # The annotation names a file GitHub can attach it to, found by a walk without recursion (os.walk recursed).
    project = tmp_path / "project"
    write_canary_portfolio(project)
    os.rename(deep, project / "accounts" / "deep")
    try:
        done = accountplan("check", "--format", "github", cwd=project)
    finally:
        _remove(project / "accounts" / "deep")
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 1 and "::error file=accounts/deep/" in done.stdout, done.stdout[-2000:]


def test_a_linked_folder_in_docs_is_refused_instead_of_followed_forever(tmp_path: Path) -> None:
    # MkDocs walks docs following linked folders: two links to the folder above them never ended the build.
    project = tmp_path / "project"
    write_canary_portfolio(project)
    (project / "docs" / "a").mkdir()
    (project / "docs" / "a" / "b").symlink_to("../a")
    (project / "docs" / "a" / "c").symlink_to("../a")
    done = accountplan("build", "--quiet", cwd=project)
    assert done.returncode != 0 and "docs: a/b: a symbolic link back to a folder it lies in" in done.stderr, \
        done.stderr


def test_a_link_to_another_folder_inside_docs_is_followed_as_before(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_canary_portfolio(project)
    (project / "docs" / "assets" / "img").mkdir(parents=True)
    (project / "docs" / "assets" / "img" / "a.png").write_bytes(b"\x89PNG")
    (project / "docs" / "images").symlink_to("assets/img")
    done = accountplan("build", "--quiet", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "images" / "a.png").read_bytes() == b"\x89PNG"


def test_an_accounts_folder_inside_docs_is_refused(tmp_path: Path) -> None:
    # MkDocs would publish the dossier files themselves, restricted fields included (round 17's review).
    project = tmp_path / "project"
    write_canary_portfolio(project)
    os.rename(project / "accounts", project / "docs" / "accounts")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("accounts: accounts", "accounts: docs/accounts"),
                      encoding="utf-8")
    done = accountplan("build", "--quiet", cwd=project)
    assert done.returncode != 0 and "and the docs folder" in done.stderr and "overlap, refused" in done.stderr
    site = project / "site"
    assert not site.exists() or not any("canary" in p.read_text(errors="ignore").lower() and "secret" in
                                        p.read_text(errors="ignore").lower() for p in site.rglob("*.html"))


def test_chained_links_of_folders_each_less_deep_are_refused_too(tmp_path: Path) -> None:
    # Each chain is shallower than the limit, but MkDocs' walk follows the links from one into the next (review).
    from generator.publish.walk import linked_loop

    docs = tmp_path / "docs"
    for k in range(3):
        here = docs / f"c{k}"
        for _ in range(40):
            here = here / "d"
        here.mkdir(parents=True)
        if k < 2:
            (here / "l").symlink_to(os.path.relpath(docs / f"c{k + 1}", here))
    found = linked_loop(docs)
    assert found is not None and found.startswith("c0/d/d/") and "/l/" in found


@pytest.mark.parametrize(("key", "value", "what"), [("docs_dir", "accounts/canary-co", "docs"),
                                                    ("custom_dir", "accounts", "theme")])
def test_a_docs_or_theme_folder_inside_the_accounts_folder_is_refused(tmp_path: Path, key: str, value: str,
                                                                     what: str) -> None:
    # The other way round published a restricted contact (docs) and the raw roster (theme) (final review).
    project = tmp_path / "project"
    write_canary_portfolio(project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = (text.replace(f"custom_dir: {REPO / 'theme'}", f"custom_dir: {value}") if key == "custom_dir"
            else text.replace("docs_dir: docs\n", f"docs_dir: {value}\n"))
    config.write_text(text, encoding="utf-8")
    done = accountplan("build", "--quiet", cwd=project)
    assert done.returncode != 0 and f"and the {what} folder" in done.stderr and "overlap, refused" in done.stderr, \
        done.stderr
    site = project / "site"
    assert not site.exists() or not any("canarysecret" in p.read_text(errors="ignore") for p in site.rglob("*")
                                        if p.is_file())
