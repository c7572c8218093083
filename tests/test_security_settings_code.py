"""Settings files are data: a tag that makes MkDocs' reader call Python, and ``hooks:``, are refused before MkDocs
reads the file, by every command that reads the settings (``make site`` runs ``accountplan build``).

MkDocs reads ``mkdocs.yml`` with PyYAML's full loader: ``!!python/object/apply:os.system [...]`` in
``mkdocs.zh.yml`` (or a file it ``INHERIT``s) ran a command during ``make site``, and ``hooks:`` imports Python
files from the project. Both were found by round 17's attack review; the settings reader ignored such tags.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.hostile_fixtures import accountplan, write_canary_portfolio


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_canary_portfolio(tmp_path / "project")
    return tmp_path / "project"


def _zh(project: Path, text: str) -> None:
    """A second site's settings inheriting mkdocs.yml, as mkdocs.zh.yml does, with ``text`` added."""
    (project / "mkdocs.zh.yml").write_text(f"INHERIT: mkdocs.yml\nsite_dir: site/zh\n{text}", encoding="utf-8")


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/new:os.system",
                                 "!!python/module:os", "!!python/name:os.execl",
                                 # Inside Python-Markdown, but it builds any extension: a prefix let it in.
                                 "!!python/object/apply:markdown.markdown", "!!python/name:markdown.markdown"])
def test_a_tag_that_runs_python_is_refused_by_every_command(project: Path, tag: str) -> None:
    canary = project.parent / "ran.txt"
    _zh(project, f"extra:\n  x: {tag} [\"touch {canary}\"]\n")
    for args in (("build", "--quiet"), ("check",), ("score",)):
        done = accountplan("--config", "mkdocs.zh.yml", *args, cwd=project)
        assert done.returncode == 2, (args, done.stderr)
        assert f"mkdocs.zh.yml:4: the tag {tag} names code outside Material, PyMdown Extensions and " \
               "Python-Markdown, which MkDocs runs as it reads the file: refused" in done.stderr
    assert not canary.exists()
    # In the file inherited, too.
    (project / "mkdocs.zh.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"extra:\n  y: {tag} [\"touch {canary}\"]\n")
    done = accountplan("--config", "mkdocs.zh.yml", "build", "--quiet", cwd=project)
    assert done.returncode == 2 and "which MkDocs runs as it reads the file" in done.stderr and not canary.exists()


def test_an_inherited_file_is_the_one_mkdocs_reads_through_a_link_and_dotdot(project: Path) -> None:
    # MkDocs tidies `sub/../evil.yml` to `evil.yml` before opening it; the settings reader opened it as named,
    # through the link `sub`, and read a harmless file instead (round 17's review).
    canary = project.parent / "ran.txt"
    (project / "deep" / "a").mkdir(parents=True)
    (project / "deep" / "evil.yml").write_text("extra:\n  note: harmless\n", encoding="utf-8")
    (project / "evil.yml").write_text(f'extra:\n  note: !!python/object/apply:os.system ["touch {canary}"]\n',
                                      encoding="utf-8")
    (project / "sub").symlink_to("deep/a")
    config = project / "mkdocs.yml"
    config.write_text("INHERIT: sub/../evil.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    done = accountplan("build", "--quiet", cwd=project)
    assert done.returncode == 2 and "evil.yml:2: the tag !!python/object/apply:os.system" in done.stderr, done.stderr
    assert not canary.exists()


@pytest.mark.parametrize("extensions", [
    '  - "subprocess:Popen": {{args: ["touch", "{canary}"]}}\n',
    '  - !!python/dict {{"subprocess:Popen": {{args: ["touch", "{canary}"]}}}}\n',  # behind a data tag
    '  - "markdown.core:Markdown": {{extensions: ["subprocess:Popen"]}}\n',  # a class of a trusted package
    '  - evil.module\n',
    '  - localext\n',  # no installed extension: Python-Markdown would import it as a module, from the project
    '  - pymdownx.snippets\n',  # includes files into pages: a dossier's restricted fields, a linked host file
])
def test_a_markdown_extension_naming_other_code_is_refused(project: Path, extensions: str) -> None:
    canary = project.parent / "ran.txt"
    _zh(project, "markdown_extensions:\n" + extensions.format(canary=canary))
    done = accountplan("--config", "mkdocs.zh.yml", "build", "--quiet", cwd=project)
    assert done.returncode == 2 and "markdown_extensions: '" in done.stderr and "' is refused: " in done.stderr
    assert not canary.exists()


def test_a_value_behind_a_data_tag_is_read_as_mkdocs_reads_it(project: Path) -> None:
    # `INHERIT: !!python/str evil.yml` was read as nothing, so the inherited file went unchecked (review).
    canary = project.parent / "ran.txt"
    (project / "evil.yml").write_text(f'extra:\n  x: !!python/object/apply:os.system ["touch {canary}"]\n',
                                      encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text("INHERIT: !!python/str evil.yml\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    done = accountplan("build", "--quiet", cwd=project)
    assert done.returncode == 2 and "evil.yml:2: the tag !!python/object/apply:os.system" in done.stderr, done.stderr
    assert not canary.exists()


def test_the_refusal_is_said_in_the_sites_language(project: Path) -> None:
    import subprocess
    import sys

    _zh(project, 'theme:\n  language: zh\nextra:\n  x: !!python/object/apply:os.system ["true"]\n')
    done = subprocess.run([sys.executable, "-m", "generator.config", "mkdocs.zh.yml"], cwd=project,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "MkDocs 读取该文件时会运行它" in done.stderr, done.stderr


def test_the_code_materials_own_settings_name_and_python_data_tags_are_still_read(project: Path) -> None:
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as settings:
        settings.write("extra:\n  icon: !!python/name:material.extensions.emoji.twemoji\n"
                       "  old_icon: !!python/name:materialx.emoji.to_svg\n"
                       "  fence: !!python/name:pymdownx.superfences.fence_code_format\n"
                       "  maths: !!python/object/apply:pymdownx.arithmatex.arithmatex_fenced_format\n"
                       "    {kwds: {mode: generic}}\n"
                       "  slug: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
                       "  pair: !!python/tuple [1, 2]\n")
    done = accountplan("check", cwd=project)
    assert "names code outside" not in done.stderr and done.returncode in (0, 1), done.stderr


def test_hooks_are_refused(project: Path) -> None:
    canary = project.parent / "hooked.txt"
    (project / "docs" / "hook.py").write_text(f"open({str(canary)!r}, 'w').write('ran')\n", encoding="utf-8")
    _zh(project, "hooks:\n  - docs/hook.py\n")
    done = accountplan("--config", "mkdocs.zh.yml", "build", "--quiet", cwd=project)
    assert done.returncode == 2 and "hooks: MkDocs runs these Python files from the project as it reads" in done.stderr
    assert not canary.exists()


def test_make_serve_reads_the_settings_before_mkdocs_does(project: Path) -> None:
    # `make serve` starts MkDocs itself; it runs `python -m generator.config` first (Makefile).
    import subprocess
    import sys

    canary = project.parent / "ran.txt"
    _zh(project, f'extra:\n  x: !!python/object/apply:os.system ["touch {canary}"]\n')
    done = subprocess.run([sys.executable, "-m", "generator.config", "mkdocs.zh.yml"], cwd=project,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "mkdocs.zh.yml:4: the tag !!python/object/apply:os.system" in done.stderr
    assert not canary.exists()
    good = subprocess.run([sys.executable, "-m", "generator.config", "mkdocs.yml"], cwd=project,
                          capture_output=True, text=True, check=False)
    assert good.returncode == 0 and good.stderr == ""
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    for config in ("mkdocs.yml", "mkdocs.zh.yml"):
        serve = makefile.index(f"$(BIN)/python -m generator.config {config}")
        assert serve < makefile.index("$(BIN)/mkdocs serve", serve)


@pytest.mark.parametrize("call", [
    "!!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: !!python/object/apply:os.system [\"touch {c}\"]}}}}",
    "!!python/object/apply:markdown.extensions.toc.slugify [!!python/object/apply:os.system [\"touch {c}\"], \"-\"]",
])
def test_a_tag_in_the_arguments_of_an_allowed_call_is_refused(project: Path, call: str) -> None:
    # MkDocs' reader builds the arguments before it calls: a tag in them runs first (round 17's last review).
    canary = project.parent / "ran.txt"
    _zh(project, "extra:\n  x: " + call.format(c=canary) + "\n")
    done = accountplan("--config", "mkdocs.zh.yml", "build", "--quiet", cwd=project)
    assert done.returncode == 2 and "the tag !!python/object/apply:os.system" in done.stderr, done.stderr
    assert not canary.exists()


def test_an_alias_bomb_in_the_settings_is_refused_before_mkdocs_reads_it(project: Path) -> None:
    # MkDocs logs every value it reads: nine lines of aliases (387 million values) never ended the build.
    levels = "abcdefghi"
    lines = ["extra:", f"  a: &a [{', '.join(['x'] * 9)}]"]
    lines += [f"  {b}: &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in itertools.pairwise(levels)]
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as settings:
        settings.write("\n".join(lines) + "\n")
    for args in (("check",), ("build", "--quiet")):
        done = accountplan(*args, cwd=project)
        assert done.returncode == 2 and "holds more than 100,000 values with its aliases" in done.stderr, done.stderr
