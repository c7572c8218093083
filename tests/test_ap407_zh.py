"""AP407's message and hint are whole Chinese sentences in zh output, through ``accountplan check --lang zh``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.rules.test_cases import CASES, write_tree

CASE = next(c for c in CASES if c.name.startswith("AP407-"))
LATIN = re.compile(r"[A-Za-z]{3,}(?: [A-Za-z]{2,})+")
"""Two or more Latin words in a row: English prose (names and ids are quoted and removed first)."""


def _check(root: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    main(["--config", "", "check", "--no-cache", "--today", "2026-11-27", "--lang", lang, "--format", "json",
          str(root)])
    return [r for r in json.loads(capsys.readouterr().out) if r["code"] == "AP407"]


def test_ap407_speaks_whole_chinese_and_english_is_unchanged(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "accounts"
    write_tree(root, yaml.safe_load(CASE.read_text(encoding="utf-8"))["files"])
    english, chinese = _check(root, "en", capsys), _check(root, "zh", capsys)
    assert len(english) == len(chinese) >= 5
    body = next(r for r in english if "'Berg Anna' in the notes below the frontmatter" in r["message"])
    assert body["message"] == ("'Berg Anna' in the notes below the frontmatter names contact c-anna-berg, who is "
                               "restricted: builds at level internal show this text but hide the contact")
    assert body["hint"].startswith("rephrase without the name")
    field = next(r for r in chinese if r["message"].startswith("plans.0.goal 中的 'anna  berg'"))
    assert field["message"].endswith("密级为 internal 的构建会显示这段文字，却隐藏该联系人")
    for row in chinese:
        assert "'" in row["message"] and "联系人" in row["message"] and "密级" in row["hint"], row
        for text in (row["message"], row["hint"]):
            prose = re.sub(r"'[^']*'|\b[\w-]+\.[\w.-]+\b|frontmatter|c-[\w-]+|restricted|internal", "", text)
            assert not LATIN.search(prose), text
