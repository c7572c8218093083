"""``accountplan fmt``: one canonical form, idempotent, never losing a comment, a value or a body byte."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from generator.edit.fmt import format_source, model_for
from generator.load.files import load_document
from generator.model import Contact

from .conftest import cli, write

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = sorted(p for p in (ROOT / "accounts").rglob("*") if p.suffix in (".md", ".yml") and p.is_file())
COMMENT = re.compile(r"(?:^|\s)(#.*)$")


def comments(text: str) -> Counter[str]:
    """Every comment-like tail (``# ...``) of every line, counted; whitespace before it does not matter."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        match = COMMENT.search(line)
        if match:
            found[match.group(1).rstrip()] += 1
    return found


def loaded(path: str, raw: bytes) -> tuple[object, str]:
    """The typed data and body the project's loader reads from ``raw``."""
    model, markdown = model_for(path)
    assert model is not None
    doc, problems = load_document(path, raw, model, markdown=markdown)
    assert doc is not None, problems
    return doc.data, doc.body


def assert_faithful(path: str, raw: bytes) -> str:
    """Format ``raw``; assert data, body and comments are kept and a second run changes nothing."""
    result = format_source(path, raw)
    assert result.problems == [] and result.text is not None
    assert loaded(path, result.text.encode()) == loaded(path, raw)
    assert comments(result.text) == comments(raw.decode("utf-8-sig"))
    again = format_source(path, result.text.encode())
    assert again.text == result.text and not again.changed
    return result.text


def test_there_are_sample_files_to_check() -> None:
    assert len(SAMPLES) >= 20


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_sample_files_keep_data_body_and_every_comment(path: Path) -> None:
    assert_faithful(str(path), path.read_bytes())


def test_messy_file_gets_canonical_form(tmp_path: Path) -> None:
    target = tmp_path / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    target.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "messy-contact.md", target)
    text = assert_faithful(str(target), target.read_bytes())
    assert text == (FIXTURES / "messy-contact.expected.md").read_text(encoding="utf-8")


def test_text_fields_keep_their_spelling(tmp_path: Path) -> None:
    text = assert_faithful(str(tmp_path / "contacts" / "c-x.md"), (FIXTURES / "messy-contact.md").read_bytes())
    assert "code_name: 010" in text and "country: NO" in text and 'goals: "Ship: the new line"' in text


def test_crlf_and_bom_are_normalized_without_changing_data(tmp_path: Path) -> None:
    raw = (FIXTURES / "messy-contact.expected.md").read_bytes()
    crlf = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    path = str(tmp_path / "contacts" / "c-zhang-wei.md")
    result = format_source(path, crlf)
    assert result.changed and result.text == raw.decode("utf-8")
    assert loaded(path, crlf) == loaded(path, raw)


def test_nested_items_are_ordered_and_keep_their_dash(tmp_path: Path) -> None:
    path = write(tmp_path / "acme" / "account.md", """\
        ---
        name: Acme
        tier: B
        industry: Tools
        region: West
        market: mature
        currency: EUR
        plans:
          - status: planned   # not started
            # the id comes first
            id: pl-1
            layer: general
            goal: Cover the plant.
            owner: p-tom-hale
            due: 2027-01-31
        ---
        """)
    text = assert_faithful(str(path), path.read_bytes())
    assert text.split("plans:\n")[1].startswith(
        "  - id: pl-1\n    layer: general\n    goal: Cover the plant.\n    owner: p-tom-hale\n"
        "    due: 2027-01-31\n    status: planned   # not started\n"
    )
    assert "    # the id comes first\n" in text


def test_check_lists_files_and_fails_without_writing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    shutil.copy(FIXTURES / "messy-contact.md", messy)
    before = messy.read_bytes()
    status, out, err = cli(capsys, "fmt", "--check", "accounts")
    assert status == 1
    assert out == "would reformat accounts/acme/contacts/c-zhang-wei.md\n"
    assert "1 file(s) would be reformatted, 2 unchanged" in err
    assert messy.read_bytes() == before


def test_fmt_writes_only_changed_files_then_check_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = repo / "accounts" / "acme" / "contacts" / "c-zhang-wei.md"
    shutil.copy(FIXTURES / "messy-contact.md", messy)
    account = repo / "accounts" / "acme" / "account.md"
    inode = os.stat(account).st_ino
    status, out, _ = cli(capsys, "fmt")
    assert (status, out) == (0, "reformatted accounts/acme/contacts/c-zhang-wei.md\n")
    assert messy.read_text(encoding="utf-8") == (FIXTURES / "messy-contact.expected.md").read_text(encoding="utf-8")
    assert os.stat(account).st_ino == inode  # untouched: not even rewritten with the same text
    assert [p.name for p in messy.parent.iterdir()] == ["c-zhang-wei.md"]  # no temp file left behind
    assert cli(capsys, "fmt", "--check")[0] == 0


def test_broken_yaml_is_reported_and_left_alone(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = write(repo / "accounts" / "acme" / "contacts" / "c-bad.md", "---\nid: c-bad\nname: [unclosed\n---\n")
    before = broken.read_bytes()
    status, _, err = cli(capsys, "fmt", str(broken))
    assert status == 1
    assert re.search(r"c-bad\.md:\d+:\d+: AP005 error: YAML syntax error.*\(not formatted\)", err)
    assert broken.read_bytes() == before


def test_refused_constructs_are_not_formatted(tmp_path: Path) -> None:
    raw = b"---\nid: &a c-x\nname: *a\n---\n"
    result = format_source(str(tmp_path / "contacts" / "c-x.md"), raw)
    assert result.text is None and [p.code for p in result.problems] == ["AP007"]
    assert result.problems[0].line == 2


HOSTILE = {
    "alias bomb": b"---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n",
    "deep nesting": b"---\nid: " + b"[" * 1000 + b"]" * 1000 + b"\n---\n",
    "python tag": b"---\nid: !!python/object/apply:os.system ['true']\n---\n",
    "not utf-8": b"---\nid: c-x\ntitle: Head \x96 IT\n---\n",
    "duplicate keys": b"---\nid: c-x\nid: c-y\n---\n",
    "empty frontmatter": b"---\n---\nbody\n",
    "list frontmatter": b"---\n- a\n- b\n---\n",
    "roster with several documents": b"people: []\n---\npeople: []\n",
    "no frontmatter": b"just text\n",
    "unclosed": b"---\nid: c-x\n",
    "oversized": b"---\nid: c-x\n---\n" + b"x" * 1_100_000,
}


@pytest.mark.parametrize("raw", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_is_refused_or_kept_never_raises(tmp_path: Path, raw: bytes) -> None:
    path = str(tmp_path / ("roster.yml" if raw.startswith(b"people") else "contacts/c-x.md"))
    result = format_source(path, raw)
    if result.text is None:
        assert result.problems and all(p.path == path and p.code.startswith("AP0") for p in result.problems)
    else:
        assert result.text.encode() == raw.replace(b"\r\n", b"\n")  # nothing to canonicalize in these


def test_duplicate_keys_get_the_loaders_message(tmp_path: Path) -> None:
    result = format_source(str(tmp_path / "contacts" / "c-x.md"), HOSTILE["duplicate keys"])
    found = [(p.code, p.line, p.message) for p in result.problems]
    assert found == [("AP009", 3, "duplicate key 'id' (first on line 2)")]


def test_unknown_levels_survive_formatting() -> None:
    raw = (b"---\nid: c-x\nname: X\ntitle: CFO\ndepartment: Fin\nlevel: executive\nrole: approver\ninfluence: 3\n"
           b"support: unknown   # not met yet\nintimacy: unknown\nreview_by: 2027-01-01\n---\nNotes.\n")
    text = assert_faithful("accounts/acme/contacts/c-x.md", raw)
    assert "intimacy: unknown\nsupport: unknown   # not met yet\n" in text
    data, _ = loaded("accounts/acme/contacts/c-x.md", text.encode())
    assert isinstance(data, Contact) and data.support is None and data.intimacy is None
