"""Translations from the gettext catalogue: stable English templates in, Chinese out, at output time."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator import translate
from generator.cli import main
from generator.diagnostics import Diagnostic, Severity
from generator.rules import registry
from generator.translate import LOCALE, extract

FIXTURE = Path(__file__).resolve().parent / "site" / "fixture" / "accounts"
ENGLISH = re.compile(r"\b[a-z]{3,}(?: [a-z]{2,}){2,}\b")
"""Three or more lower-case English words in a row: a sentence, not an id or a name."""


def test_a_message_is_matched_by_its_template_and_its_values_are_kept() -> None:
    message = "expected at least 2 warm contacts (support >= 4, intimacy >= 3); found 1 (c-bob)"
    assert translate.text(message, "zh") == "关系良好的联系人（支持度≥4且亲密度≥3）至少应有 2 位；现有 1 位（c-bob）"
    assert translate.text(message, "en") == message
    assert translate.text("a message no catalogue knows", "zh") == "a message no catalogue knows"


def test_a_message_made_with_said_is_translated_by_its_template_not_read_back() -> None:
    # gettext style: the template and values are known where the line is made, so a name holding "(" cannot
    # be mistaken for the end of the name (reading the finished English back splits it at the wrong bracket).
    line = translate.said("New opportunity {name} ({unit}, {stage})", name="Train control (FRMCS)",
                          unit="Infrastructure", stage="qualified")
    assert line == "New opportunity Train control (FRMCS) (Infrastructure, qualified)"
    assert translate.text(line, "zh").endswith("（Infrastructure，已验证）")
    assert not translate.text(str(line), "zh").endswith("（Infrastructure，已验证）")
    assert translate.text(line, "en") == line


def test_said_templates_are_extracted_and_all_have_zh() -> None:
    found = {text for text, _ in extract.templates(extract.PACKAGE / "edit" / "diff_work.py")}
    assert "New opportunity {name} ({unit}, {stage})" in found
    assert all(translate.catalogue("zh").get(text) for text in found if "{" in text)


def test_values_that_are_entries_or_lists_of_them_are_translated_too() -> None:
    hint = "write one of 1 (opponent), 2 (non-supporter), 3 (neutral), 4 (supporter), 5 (champion)"
    assert translate.text(hint, "zh") == "填写以下之一：1（反对），2（不支持），3（中立），4（支持），5（坚定支持）"
    assert translate.text("unknown key 'titel' in contact", "zh") == "联系人 中有未知字段 'titel'"


def test_a_diagnostic_keeps_its_position_and_code() -> None:
    found = Diagnostic("a.md", 3, 7, "AP304", Severity.WARNING,
                       "no coach among the 4 current contact(s); expected at least one",
                       "set 'coach: true' on the contact who guides us, or plan to develop one")
    zh = translate.diagnostic(found, "zh-CN")
    assert (zh.path, zh.line, zh.column, zh.code, zh.severity) == ("a.md", 3, 7, "AP304", Severity.WARNING)
    assert zh.message == "4 位在职联系人中没有教练；至少应有一位"
    assert zh.hint == "为在客户内部指导我们的联系人设置 'coach: true'，或制定计划培养一位"


def test_check_speaks_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--config", "", "check", "--no-cache", "--lang", "zh", str(FIXTURE)])
    out = capsys.readouterr().out
    assert status == 1 and "错误：" in out and "警告：" in out and "（提示：" in out
    assert re.search(r"\d+ 个错误，\d+ 个警告", out.splitlines()[-1])
    for line in out.splitlines():
        prose = re.sub(r"^\S+: AP\d+ |'[^']*'|\([^)]*\)|`[^`]*`|\{[^}]*\}", "", line)
        assert not ENGLISH.search(prose), line


def test_check_json_and_github_formats_translate_messages(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--config", "", "check", "--no-cache", "--lang", "zh", "--format", "json", str(FIXTURE)])
    rows = json.loads(capsys.readouterr().out)
    coach = next(r for r in rows if r["code"] == "AP304")
    assert "教练" in coach["message"] and coach["severity"] == "warning"  # the JSON keys and values stay stable


def test_every_template_in_the_code_has_a_chinese_translation() -> None:
    with (LOCALE / "zh" / "LC_MESSAGES" / "accountplan.po").open("rb") as handle:
        catalogue = {m.id: m.string for m in read_po(handle) if m.id}
    templates = {text for text, _ in (t for path in sorted(extract.PACKAGE.rglob("*.py"))
                                      for t in extract.templates(path))}
    missing = sorted(t for t in templates if not catalogue.get(t))
    assert missing == [], "add them to locale/zh/LC_MESSAGES/accountplan.po:\n" + "\n".join(missing)
    for template, translation in catalogue.items():
        assert set(re.findall(r"\{(\w+)\}", str(template))) == set(re.findall(r"\{(\w+)\}", str(translation))), template


def test_the_translators_template_lists_every_message_of_the_code() -> None:
    with (LOCALE / "messages.pot").open("rb") as handle:
        written = {m.id for m in read_po(handle) if m.id}
    current = {m.id for m in extract.catalog() if m.id}
    assert written == current, "run: python -m generator.translate.extract (messages.pot is out of date)"


def test_zh_entries_begin_and_end_lines_as_their_english_does() -> None:
    """What ``msgfmt -c`` checks: a help text ending in a newline must end in one in Chinese too."""
    with (LOCALE / "zh" / "LC_MESSAGES" / "accountplan.po").open("rb") as handle:
        entries = [(str(m.id), str(m.string)) for m in read_po(handle) if m.id and m.string]
    for english, chinese in entries:
        assert english.endswith("\n") == chinese.endswith("\n"), english
        assert english.startswith("\n") == chinese.startswith("\n"), english


def test_every_rule_has_a_chinese_summary_and_documentation() -> None:
    for code, rule in registry().items():
        assert rule.summary in translate.catalogue("zh"), code  # an entry of its own: a looser template can half-match
        doc = translate.rule_doc(code, "zh")
        assert doc is not None, f"write generator/translate/locale/zh/rules/{code}.md"
        assert all(f"## {h}" in doc for h in ("作用", "为什么有害", "示例", "正确写法")), code


SCALES = ("STRENGTH", "QUALITY", "SATISFACTION", "SUPPORT", "INTIMACY", "INFLUENCE", "FIT")


@pytest.mark.parametrize("scale", SCALES)
def test_scale_levels_with_spaces_are_split_right(scale: str) -> None:
    """``{a} → {b} {arrow}``: a level holding a space ("name only", "working relationship") is one value,
    whether or not an arrow follows, for every pair of levels of every scale."""
    from generator.model import scales

    labels = getattr(scales, scale, None)
    if labels is None:
        pytest.skip(f"no scale {scale}")
    names = {x: (en, translate.text(en, "zh")) for x, (en, _zh) in labels.items()}  # one catalogue entry a label
    if scale == "STRENGTH":
        assert {x: zh for x, (_en, zh) in names.items()} == {x: zh for x, (_en, zh) in labels.items()}
    for x, (en_x, zh_x) in names.items():
        assert zh_x != en_x, f"{en_x} has no Chinese"
        for y, (en_y, zh_y) in names.items():
            if x == y:
                continue
            arrow = "▲" if y > x else "▼"
            said = translate.text(f"Tom Hale ↔ Zhang Wei (CTO): {en_x} → {en_y} {arrow}", "zh")
            assert said.endswith(f"：{zh_x} → {zh_y} {arrow}"), said
        said = translate.text(f"Tom Hale ↔ Zhang Wei (CTO): unknown → {en_x}", "zh")
        assert said.endswith(f"：未知 → {zh_x}"), said
