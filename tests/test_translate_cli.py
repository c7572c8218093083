"""Every command speaks the site's language: ``--lang zh`` (or a Chinese ``theme.language``) prints Chinese.

The guards read the source: a message printed by a command must go through the catalogue
(``translate.t``), and every message template the extractor finds has a zh entry
(``test_translate.test_every_template_in_the_code_has_a_chinese_translation``).
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
from pathlib import Path

import pytest

from generator import translate
from generator.cli import COMMANDS, main, parser
from generator.load.yamlnodes import YamlProblem, parse
from generator.translate import extract

FIXTURE = Path(__file__).resolve().parent / "site" / "fixture" / "accounts"
CLI = extract.PACKAGE / "cli"
ENGLISH = re.compile(r"[A-Za-z]{2,}(?: [a-z]{2,}){2,}")
"""Three English words in a row: a sentence (ids, paths and option names are one word)."""
PLAIN = re.compile(r"'[^']*'|`[^`]*`|--[\w-]+|\S*[/\\.]\S*|\b[\w-]+\.md\b|YYYY-MM-DD|YAML|accountplan \w+")
"""What a Chinese message keeps as written: quoted values, options, paths, file names, formats, commands."""


def chinese_only(text: str) -> list[str]:
    """The lines of ``text`` that still hold an English sentence once quoted and literal parts are removed."""
    return [line for line in text.splitlines() if ENGLISH.search(PLAIN.sub("", line))]


def _printed_literals(path: Path) -> list[str]:
    """Literal English text a module prints without the catalogue: ``print("...")`` or ``print(f"...")``."""
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and ast.get_source_segment(source, node.func) in ("print", "_fail"):
            for arg in node.args:
                text = extract.template(arg, source)
                if text and ENGLISH.search(re.sub(r"\{\w+\}", "", text)):
                    found.append(f"{path.name}:{node.lineno}: {text}")
    return found


def test_no_command_prints_english_past_the_catalogue() -> None:
    found = [line for path in sorted(CLI.glob("*.py")) for line in _printed_literals(path)]
    assert found == [], "print these through translate.t (then add their zh entries):\n" + "\n".join(found)


def test_the_guard_sees_a_printed_sentence(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('import sys\nprint(f"wrote {n} pages to the folder", file=sys.stderr)\nprint(_t("ok {n}"))\n')
    assert _printed_literals(module) == ["m.py:2: wrote {n} pages to the folder"]


def test_exception_texts_are_templates_the_catalogue_covers() -> None:
    templates = {text for text, _ in extract.templates(extract.PACKAGE / "edit" / "scaffold.py")}
    assert "{path} already exists; it was left unchanged (pick another name or edit that file)" in templates
    templates = {text for text, _ in extract.templates(extract.PACKAGE / "config" / "check.py")}
    assert "{where}: expected a number of 0 or more, found {value}" in templates  # a yielded problem
    templates = {text for text, _ in extract.templates(CLI / "fmt.py")}
    assert {"would reformat {path}", "reformatted {path}"} <= templates  # both sides of `a if x else b`


def test_every_command_takes_lang() -> None:
    top = parser()
    commands = next(a for a in top._actions if a.dest == "command").choices  # type: ignore[attr-defined]
    for name in COMMANDS:
        command = commands[name]
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        for each in (list(nested[0].choices.values()) if nested else [command]):
            assert any("--lang" in a.option_strings for a in each._actions), f"{name} {each.prog}"


def _accounts(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "accounts")
    return tmp_path / "accounts"


def test_new_fmt_and_score_speak_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accounts = _accounts(tmp_path)
    assert main(["--config", "", "new", "contact", "no-such", "--name", "A B", "--as", "x",
                 "--accounts", str(accounts), "--lang", "zh"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("accountplan new：") and chinese_only(err) == [], err
    main(["--config", "", "fmt", "--check", "--lang", "zh", str(accounts)])
    captured = capsys.readouterr()
    assert re.search(r"\d+ 个文件将被重新格式化，\d+ 个无需改动", captured.err), captured.err
    assert chinese_only(captured.out + captured.err) == []
    main(["--config", "", "score", "--lang", "zh", str(accounts)])
    captured = capsys.readouterr()
    assert "截至" in captured.out and "每周见客户" in captured.out and "维持客户" in captured.out
    assert chinese_only(captured.out + captured.err) == []
    main(["--config", "", "score", "--lang", "zh", "--by", "tier", str(accounts)])
    assert "按客户级别" in capsys.readouterr().out


def test_settings_errors_speak_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - accountplan:\n      acounts: accounts\n"
                      "      limits: {max_contacts: -1}\n      rules: {AP999: loud}\n", encoding="utf-8")
    assert main(["--config", str(config), "check", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("accountplan：设置有误：") and "是不是 'accounts'？" in err and "不是严重级别" in err, err
    assert chinese_only(err) == [], err


def test_a_chinese_site_makes_the_cli_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accounts = _accounts(tmp_path)
    (tmp_path / "base.yml").write_text("site_name: x\ntheme:\n  name: material\n  language: zh\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: base.yml\nplugins:\n  - accountplan:\n      accounts: {accounts}\n", encoding="utf-8")
    main(["--config", str(config), "check", "--no-cache"])
    assert re.search(r"\d+ 个错误，\d+ 个警告", capsys.readouterr().out)
    main(["--config", str(config), "check", "--no-cache", "--lang", "en"])
    assert re.search(r"\d+ error\(s\), \d+ warning\(s\)", capsys.readouterr().out)


def test_an_unclosed_quote_is_reported_at_its_opening() -> None:
    with pytest.raises(YamlProblem) as found:
        parse('name: Acme\ntitle: "Head of\n  things\nother: 1\n', line_offset=1)
    assert (found.value.code, found.value.line, found.value.column) == ("AP005", 3, 8)
    assert "never closed" in found.value.message
    with pytest.raises(YamlProblem) as found:
        parse("a: 1\nb: x\x07\n")
    assert (found.value.line, found.value.column) == (2, 5)  # a control character: where it is, not line 1


@pytest.mark.parametrize(("text", "code", "expected"), [
    ('title: "abc\n', "AP005", "YAML 语法错误：这个引号没有闭合"),
    ("a: b: c\n", "AP005", "YAML 语法错误：此处不能写“键: 值”"),
    ("a:\n  b: 1\n c: 2\n", "AP005", "YAML 语法错误：没有找到应有的键"),
    ("a: [1, 2\nb: 3\n", "AP005", "YAML 语法错误：没有找到应有的 ',' 或 ']'"),
    ("a: @x\n", "AP005", "YAML 语法错误：出现了不能作为开头的字符"),
    ("a: &x 1\n", "AP007", "不允许使用锚点 '&x'"),
    ("a: !!python/object x\n", "AP007", "不允许使用标签 'tag:yaml.org,2002:python/object'"),
])
def test_yaml_errors_have_our_chinese_wording(text: str, code: str, expected: str) -> None:
    with pytest.raises(YamlProblem) as found:
        parse(text)
    assert found.value.code == code
    message, hint = translate.text(found.value.message, "zh"), translate.text(found.value.hint, "zh")
    assert message.startswith(expected), message
    assert chinese_only(f"{message} {hint}") == [], (message, hint)


def test_check_reports_yaml_errors_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accounts = _accounts(tmp_path)
    contacts = next(accounts.glob("*/contacts"))
    (contacts / "c-quote.md").write_text('---\nid: c-quote\nname: "Ann\ntitle: x\n---\n', encoding="utf-8")
    main(["--config", "", "check", "--no-cache", "--lang", "zh", str(accounts)])
    line = next(x for x in capsys.readouterr().out.splitlines() if "c-quote.md" in x)
    assert ":3:7: AP005 错误：YAML 语法错误：这个引号没有闭合" in line and chinese_only(line) == [], line


def test_quoted_values_and_commands_stay_as_typed() -> None:
    # 'unknown' is what the user types, and a command in a code span is run as written: neither is translated
    assert translate.text("influence 9 is out of range; expected 1 to 5 or 'unknown'", "zh") == \
        "influence 9 超出范围；应为 1 到 5 或 'unknown'"
    message = "unknown contact id(s) in acme: c-x; known: none yet (run `accountplan new contact`)"
    assert translate.text(message, "zh") == \
        "acme 中有未知的联系人 id：c-x；已知：暂无（运行 `accountplan new contact`）"


def _exit(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``main(argv)`` where argparse ends the run: its exit status, stdout and stderr."""
    with pytest.raises(SystemExit) as ended:
        main(argv)
    captured = capsys.readouterr()
    return int(ended.value.code or 0), captured.out, captured.err


def test_argparse_usage_errors_speak_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _exit(["new", "contact", "x", "--lang", "zh"], capsys)
    assert code == 2 and err.startswith("用法：accountplan new contact"), err
    assert "accountplan new contact：错误：缺少以下必需参数：--name" in err, err
    _, _, err = _exit(["chk", "--lang", "zh"], capsys)
    assert "无效的选择：'chk'" in err and "error" not in err, err
    _, _, err = _exit(["check", "--zz", "--lang=zh"], capsys)
    assert "错误：无法识别的参数：--zz" in err, err
    _, _, err = _exit(["check", "/nonexistent-argzh", "--lang", "zh"], capsys)
    assert "错误：参数 paths：/nonexistent-argzh：" in err and chinese_only(err) == [], err
    _, _, err = _exit(["--config", "", "score", "--as-of", "nope", "--lang", "zh"], capsys)  # a value check's own text
    assert "错误：参数 --as-of/--today：应为日期 YYYY-MM-DD，实际为 'nope'" in err, err


def test_a_chinese_site_makes_argparse_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\ntheme:\n  name: material\n  language: zh\n", encoding="utf-8")
    assert "错误：无法识别的参数：--zz" in _exit(["--config", str(config), "check", "--zz"], capsys)[2]
    assert "error: unrecognized arguments: --zz" in _exit(["--config", str(config), "check", "--zz", "--lang", "en"],
                                                          capsys)[2]


def test_argparse_stays_english_without_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _exit(["--config", "", "new", "contact", "x"], capsys)
    assert code == 2 and err.startswith("usage: accountplan new contact"), err
    assert "accountplan new contact: error: the following arguments are required: --name" in err, err
    _, out, _ = _exit(["--config", "", "check", "--help"], capsys)
    assert "positional arguments" in out and "fail on warnings too" in out, out


def test_help_speaks_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _exit(["check", "--help", "--lang", "zh"], capsys)
    assert code == 0 and out.startswith("用法：accountplan check"), out
    assert "位置参数" in out and "显示此帮助信息并退出" in out and "有警告也失败" in out, out
    _, out, _ = _exit(["--help", "--lang", "zh"], capsys)  # the list of commands
    assert "校验档案" in out and "计算评分卡" in out and "构建站点（原子替换）" in out, out
    assert "含插件设置的 mkdocs.yml（默认：mkdocs.yml，如果存在" in out, out  # help=f"...": its template's entry


def test_a_missing_config_file_is_reported_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _exit(["--config", "missing-argzh.yml", "check", "--lang", "zh"], capsys)
    assert code == 2 and "accountplan：错误：--config missing-argzh.yml：没有这个文件" in err, err


def test_operating_system_errors_keep_the_path_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("", encoding="utf-8")
    assert main(["--config", "", "render", "--out", str(taken), "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"accountplan：不是文件夹：{taken / 'accounts'}") and "Errno" not in err, err
    assert main(["--config", "", "render", "--out", str(taken)]) == 2  # English: Python's own text
    assert "Not a directory" in capsys.readouterr().err


def _descriptions(top: argparse.ArgumentParser) -> dict[str, str | None]:
    """Each command's description paragraph (the top level's under ``""``)."""
    found: dict[str, str | None] = {"": top.description}
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update({name: p.description for name, p in action.choices.items()})
    return found


def test_every_command_describes_itself_in_chinese() -> None:
    english, chinese = _descriptions(parser()), _descriptions(parser(lang="zh"))
    assert set(english) == {"", *COMMANDS}
    for name, text in english.items():
        assert text and translate.catalogue("zh").get(text) == chinese[name], f"no zh entry for {name!r}: {text}"
        assert chinese_only(str(chinese[name])) == [], (name, chinese[name])


def test_the_description_paragraph_of_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _exit(["diff", "--help", "--lang", "zh"], capsys)
    assert "两个 git 修订版之间，客户发生了哪些变化" in out and "what changed" not in out, out


def test_lang_may_come_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _exit(["--lang", "zh", "check", "--help"], capsys)
    assert code == 0 and out.startswith("用法：accountplan check") and "校验客户档案" in out, out
    _, _, err = _exit(["--lang=zh", "check", "--zz"], capsys)
    assert "错误：无法识别的参数：--zz" in err, err
    _, _, err = _exit(["--lang", "zh", "check", "--zz", "--lang", "en"], capsys)  # the command's own wins
    assert "error: unrecognized arguments: --zz" in err, err


def test_lang_before_the_command_sets_the_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", "", "--lang", "zh", "check", str(FIXTURE), "--no-cache"]) in (0, 1)
    before = capsys.readouterr().out
    assert main(["--config", "", "check", str(FIXTURE), "--no-cache", "--lang", "zh"]) in (0, 1)
    assert before == capsys.readouterr().out and "个警告" in before, before
