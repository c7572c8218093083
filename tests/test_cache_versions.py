"""What the caches' version keys see: every file of the package, and only Markdown extensions that read nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config import load_config

from generator.incremental import signature as site
from generator.incremental.versions import files_digest

REPO = Path(__file__).resolve().parents[1]


def test_a_label_table_or_catalogue_change_changes_the_code_version(tmp_path: Path) -> None:
    package = tmp_path / "generator"
    shutil.copytree(REPO / "generator", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = files_digest(package)
    labels = package / "render" / "labels.toml"
    labels.write_text(labels.read_text(encoding="utf-8").replace("strategic", "strategisch", 1), encoding="utf-8")
    after_labels = files_digest(package)
    catalogue = next(package.rglob("accountplan.po"))
    catalogue.write_text(catalogue.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = files_digest(package)
    assert len({before, after_labels, edited}) == 3
    (package / "render" / "__pycache__").mkdir()
    (package / "render" / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert files_digest(package) == edited  # bytecode follows from the source: left out


def test_an_extension_that_includes_other_files_means_no_carried_site() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    assert site.signature(config) is not None
    config["markdown_extensions"].append("pymdownx.snippets")
    assert site.signature(config) is None
