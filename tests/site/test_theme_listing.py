"""A server lists the installed theme's files once (:func:`generator.incremental.theme.list_theme_once`): its
rebuilds copy the very theme files a plain build copies, and a file added to the project's own theme folder
while it runs is copied by the next rebuild."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files
from test_incremental import _project

from generator.incremental import theme


def _theme_files(config_file: Path, custom_dir: Path, listed_once: bool) -> list[tuple[str, str]]:
    config = load_config(config_file=str(config_file), theme={"name": "material", "custom_dir": str(custom_dir)})
    if listed_once:
        theme.list_theme_once(config.theme)
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted((f.src_uri, f.abs_src_path or "") for f in files)


def test_a_server_copies_the_theme_files_a_build_copies(tmp_path: Path) -> None:
    config_file = _project(tmp_path)
    custom = tmp_path / "theme"
    (custom / "css").mkdir(parents=True)
    (custom / "css" / "a.css").write_text("a {}", encoding="utf-8")
    theme._listed.clear()
    plain = _theme_files(config_file, custom, listed_once=False)
    assert len(plain) > 30 and ("css/a.css", str(custom / "css" / "a.css")) in plain
    assert _theme_files(config_file, custom, listed_once=True) == plain  # listing Material's folders
    assert _theme_files(config_file, custom, listed_once=True) == plain  # from the kept listing
    assert theme._listed and not any(name.startswith(".") or "/." in name
                                     for names in theme._listed.values() for name in names)
    (custom / "css" / "b.css").write_text("b {}", encoding="utf-8")  # the project's folder, edited while serving
    again = _theme_files(config_file, custom, listed_once=True)
    assert again == _theme_files(config_file, custom, listed_once=False)
    assert ("css/b.css", str(custom / "css" / "b.css")) in again


def test_only_site_packages_counts_as_installed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A project inside its own environment's folder (``.venv/project/theme``) keeps its theme listed each rebuild."""
    venv = tmp_path / ".venv"
    purelib = venv / "lib" / "python3" / "site-packages"
    (purelib / "material" / "templates").mkdir(parents=True)
    (venv / "project" / "theme").mkdir(parents=True)
    monkeypatch.setattr(theme.sysconfig, "get_path", lambda kind: str(purelib))
    assert theme._installed(str(purelib / "material" / "templates"))
    assert not theme._installed(str(venv / "project" / "theme"))
    assert not theme._installed(str(venv / "lib" / "python3" / "site-packages-old"))
