"""``INHERIT`` is followed by one bounded reader: a cycle, a long chain or a parent that cannot be read
as settings is a clear settings error in every command, in both languages; never a RecursionError."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli import main
from generator.config import INHERIT_DEPTH, ConfigError, inherit_chain, load_settings, rules_page, site_language
from generator.config.forge_settings import forge_of_config
from generator.config.inherit import inherit_files, plugin_section


def _write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def _cases(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """name → (settings file, what the error says)."""
    project = tmp_path / "project"
    _write(project / "self.yml", "INHERIT: self.yml\n")
    _write(project / "a.yml", "INHERIT: b.yml\n")
    _write(project / "b.yml", "INHERIT: ./a.yml\n")
    for i in range(INHERIT_DEPTH + 2):
        _write(project / f"long{i}.yml", f"INHERIT: long{i + 1}.yml\n")
    _write(project / f"long{INHERIT_DEPTH + 2}.yml", "site_name: end\n")
    _write(tmp_path / "outside.txt", "- a list, not settings\n")
    _write(project / "escape.yml", "INHERIT: ../outside.txt\n")
    _write(project / "missing.yml", "INHERIT: nowhere.yml\n")
    os.mkfifo(project / "fifo.yml")  # opening a pipe waits for a writer: for ever
    _write(project / "pipe.yml", "INHERIT: fifo.yml\n")
    return {
        "self": (str(project / "self.yml"), "inherits itself (a cycle)"),
        "cycle": (str(project / "a.yml"), "inherits itself (a cycle)"),
        "long": (str(project / "long0.yml"), f"more than {INHERIT_DEPTH} files in a chain"),
        "outside": (str(project / "escape.yml"), "INHERIT: the file it inherits cannot be read as settings: "
                    f"{tmp_path / 'outside.txt'}: expected a mapping of settings, found list"),
        "missing": (str(project / "missing.yml"), "'nowhere.yml' does not exist"),
        "pipe": (str(project / "pipe.yml"), "'fifo.yml' is not a regular file"),
    }


@pytest.mark.parametrize("case", ["self", "cycle", "long", "outside", "missing", "pipe"])
def test_bad_inherit_is_a_settings_error(tmp_path: Path, case: str) -> None:
    path, says = _cases(tmp_path)[case]
    with pytest.raises(ConfigError, match=r"INHERIT"):
        inherit_chain(path)
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    assert says in str(raised.value)
    assert site_language(path) == "en" and rules_page(path) is None  # the readers of the site's look fall back
    with pytest.raises(ConfigError):
        forge_of_config(path)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", ["self", "outside"])
def test_every_command_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, lang: str) -> None:
    path, says = _cases(tmp_path)[case]
    for command in (["check"], ["score"], ["render", "--out", str(tmp_path / "site")]):
        status = main(["--config", path, *command, "--lang", lang])
        _, err = capsys.readouterr()
        assert status != 0 and "Traceback" not in err and "RecursionError" not in err
        if lang == "en":
            assert says in err
        else:
            assert "INHERIT" in err and ("循环" in err or "无法作为设置读取" in err), err


def test_a_chain_inside_the_project_still_works(tmp_path: Path) -> None:
    base = _write(tmp_path / "config" / "base.yml", "site_url: https://x.example/\nplugins:\n  - accountplan:\n"
                  "      accounts: data\n")
    _write(tmp_path / "mkdocs.yml", "INHERIT: config/base.yml\ntheme: {language: zh}\n")
    assert load_settings(str(tmp_path / "mkdocs.yml")).accounts.endswith("data")
    assert site_language(str(tmp_path / "mkdocs.yml")) == "zh"
    assert rules_page(str(tmp_path / "mkdocs.yml")) == "https://x.example/rules/"
    assert len(inherit_chain(str(tmp_path / "mkdocs.yml"))) == 2 and base


def test_a_parent_outside_the_project_folder_is_read(tmp_path: Path) -> None:
    """A shared base config elsewhere (as the site tests' pinned configs inherit the repository's)."""
    _write(tmp_path / "shared" / "base.yml", "theme:\n  language: zh\n")
    child = _write(tmp_path / "project" / "mkdocs.yml", "INHERIT: ../shared/base.yml\n")
    assert site_language(str(child)) == "zh"


def test_a_parent_of_any_name_is_read_as_mkdocs_reads_it(tmp_path: Path) -> None:
    """MkDocs reads ``INHERIT: base.cfg`` (any name, bytes in any encoding YAML detects): so does the chain."""
    (tmp_path / "base.cfg").write_bytes("plugins:\n  - accountplan:\n      profile: public\n".encode("utf-16"))
    child = _write(tmp_path / "mkdocs.yml", "INHERIT: base.cfg\n")
    assert plugin_section(child)["profile"] == "public"
    assert [path for path, _ in inherit_files(child)] == [child, str(tmp_path / "base.cfg")]


def test_a_parent_that_is_not_text_names_both_files(tmp_path: Path) -> None:
    (tmp_path / "base.bin").write_bytes(b"\xff\xfe\x00\xd8garbage\x00")
    child = _write(tmp_path / "mkdocs.yml", "INHERIT: base.bin\n")
    with pytest.raises(ConfigError) as raised:
        inherit_chain(child)
    (problem,) = raised.value.problems
    assert problem.startswith(f"{child}: INHERIT: the file it inherits cannot be read as settings: "
                              f"{tmp_path / 'base.bin'}: ")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_settings_file_that_is_a_pipe_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          lang: str) -> None:
    os.mkfifo(tmp_path / "mkdocs.yml")
    with pytest.raises(SystemExit) as raised:
        main(["--config", str(tmp_path / "mkdocs.yml"), "check", "--lang", lang])
    _, err = capsys.readouterr()
    assert raised.value.code == 2
    assert ("not a regular file" if lang == "en" else "不是普通文件") in err, err


SECRETS = ["GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "HOME", "SITE_GITHUB_TOKEN", "SITE_DEPLOY_KEY", "MKDOCS_PASSWORD",
           "SITE_DB_PASS", "SITE_AUTH", "site_api_token", "SITE_APIKEY", "SITE_DEPLOYKEY", "SITE_SSHKEY",
           "SITE_PASSPHRASE", "SITE_JWT", "SITE_BEARER", "SITE_ACCESSKEY", "SITE_DATABASE_URL", "SITE_CREDS",
           "SITE_deployKey", "ci", "SITE_WEBHOOK_URL", "SITE_SLACK_HOOK"]


@pytest.mark.parametrize("name", SECRETS)
@pytest.mark.parametrize("form", ["!ENV {name}", "!ENV [SITE_TITLE, {name}, fallback]"])
def test_env_may_not_read_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, form: str) -> None:
    """A pull request's ``site_name: !ENV GITHUB_TOKEN`` would publish the CI job's secret on every page."""
    monkeypatch.setenv(name, "s3cr3t-value")
    monkeypatch.delenv("SITE_TITLE", raising=False)
    path = _write(tmp_path / "mkdocs.yml", "site_name: x\ncopyright: " + form.format(name=name) + "\n")
    with pytest.raises(ConfigError) as raised:
        load_settings(path)
    (problem,) = raised.value.problems
    assert problem.startswith(f"{path}:2: !ENV {name}: a settings file may read only CI and variables named")
    assert "s3cr3t" not in problem


@pytest.mark.parametrize("name", ["SITE_TITLE", "MKDOCS_PROFILE", "SITE_AUTHOR", "SITE_PASSAGE_NOTE", "CI",
                                  "SITE_KEYWORDS", "SITE_ANALYTICS_PROPERTY"])
def test_env_reads_the_site_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv(name, "restricted")
    path = _write(tmp_path / "mkdocs.yml", f"site_name: x\nplugins:\n  - accountplan:\n      profile: !ENV {name}\n")
    assert plugin_section(path)["profile"] == "restricted"


def test_a_refused_env_is_a_settings_error_in_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "s3cr3t-value")
    path = _write(tmp_path / "mkdocs.yml", "site_name: !ENV GITHUB_TOKEN\n")
    (tmp_path / "accounts").mkdir()
    for command in (["check"], ["score"], ["render", "--out", str(tmp_path / "site")]):
        status = main(["--config", path, *command])
        out, err = capsys.readouterr()
        assert status != 0 and "Traceback" not in err and "!ENV GITHUB_TOKEN" in err, err
        assert "s3cr3t" not in out + err


def test_a_plain_mkdocs_build_refuses_a_secret_too(tmp_path: Path) -> None:
    """MkDocs reads the variable itself; the plugin's settings check stops the build before any page is written.

    Only after MkDocs' own checks: a value MkDocs rejects (``docs_dir: !ENV GITHUB_TOKEN``) is quoted in its own
    error first (docs/privacy.md says so, and to build with ``accountplan build``)."""
    import subprocess
    import sys

    (tmp_path / "accounts").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    _write(tmp_path / "mkdocs.yml", "site_name: x\ncopyright: !ENV GITHUB_TOKEN\nplugins:\n  - accountplan\n")
    ran = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "GITHUB_TOKEN": "s3cr3t-value", "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert ran.returncode != 0 and "!ENV GITHUB_TOKEN" in ran.stderr, ran.stderr
    assert not list((tmp_path / "site").rglob("*.html"))
