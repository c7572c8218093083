"""A version loaded from an earlier version's load (:mod:`generator.load.patch`) is the full load, or not given."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.load.files import load_document
from generator.load.patch import _ENTRY, patched
from generator.load.tasks import MODELS
from generator.model.portfolio import KINDS

ROOT = Path(__file__).resolve().parent.parent / "accounts"


def _files() -> list[tuple[Path, str]]:
    found = [(p, "account") for p in sorted(ROOT.glob("*/account.md"))]
    for folder, kind in sorted(KINDS.items()):
        found += [(p, kind) for p in sorted(ROOT.glob(f"*/{folder}/*.md"))[:40]]
    return found


def _load(path: Path, raw: bytes, kind: str):  # type: ignore[no-untyped-def]
    model, markdown = MODELS[kind]
    return load_document(str(path), raw, model, markdown=markdown)


def _other(value: str) -> str:
    """Another value of the same look: a number moved by one, a word with a letter changed."""
    if value.isdigit():
        return str((int(value) % 5) + 1) if len(value) == 1 else str(int(value) + 1)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value[:-1] + ("1" if value[-1] != "1" else "2")
    return value[:-1] + ("x" if value[-1] != "x" else "y")


def test_every_single_value_edit_of_the_sample_loads_as_a_full_parse_does() -> None:
    tried = used = 0
    for path, kind in _files():
        raw = path.read_bytes()
        document, problems = _load(path, raw, kind)
        if document is None or problems:
            continue
        lines = raw.decode("utf-8").split("\n")
        for i, line in enumerate(lines):
            match = _ENTRY.fullmatch(line)
            if match is None:
                continue
            edited = [*lines[:i], line[: match.start(4)] + _other(match.group(4)), *lines[i + 1 :]]
            new = "\n".join(edited).encode("utf-8")
            tried += 1
            quick = patched(str(path), raw, document, new)
            full, found = _load(path, new, kind)
            if quick is None:
                continue
            used += 1
            assert not found, (path, i + 1, found)
            assert quick == full, (path, i + 1)
    assert tried > 1000 and used > tried // 2, (tried, used)


ACCOUNT = """---
name: Acme
tier: S
industry: rail
region: Europe
market: mature
currency: EUR
segment: a long
  segment
strategy:
  horizon: 2026-2030
  summary: |
    notes
    fit: 2
  fit: 4
  trend: converging
  position: main-channel
---
# Body
tier: B
"""


@pytest.mark.parametrize("before, after", [
    ("    fit: 2\n", "    fit: 3\n"),              # a line of a block scalar, not a mapping entry
    ("segment: a long\n", "segment: a short\n"),  # a value that continues on the next line
    ("\ntier: B\n", "\ntier: A\n"),               # the body
    ("tier: S\n", "tier: 'S'\n"),                 # quoted now
    ("tier: S\n", "tier: S # top\n"),             # a comment
    ("tier: S\n", "tier: Z\n"),                   # a value the schema refuses
    ("tier: S\n", "tier:  S\n"),                  # another column
    ("  fit: 4\n", "  fit: 9\n"),                 # out of the scale's range
    ("tier: S\n", "tier: S\ntier: A\n"),          # a line more
])
def test_what_is_not_a_plain_value_edit_is_left_to_a_full_load(before: str, after: str) -> None:
    model, _ = MODELS["account"]
    raw = ACCOUNT.encode()
    document, problems = load_document("account.md", raw, model)
    assert document is not None and not problems
    assert patched("account.md", raw, document, raw.replace(b"fit: 4", b"fit: 3")) is not None  # the control
    edited = ACCOUNT.replace(before, after, 1).encode()
    assert edited != raw
    assert patched("account.md", raw, document, edited) is None


def test_a_plain_value_edit_is_patched() -> None:
    model, _ = MODELS["contact"]
    path = next(ROOT.glob("*/contacts/*.md"))
    raw = path.read_bytes()
    document, problems = load_document(str(path), raw, model)
    assert document is not None and not problems
    text = raw.decode()
    match = re.search(r"^support: (\d)$", text, re.M)
    assert match
    edited = (text[: match.start(1)] + _other(match.group(1)) + text[match.end(1) :]).encode()
    quick = patched(str(path), raw, document, edited)
    assert quick is not None and quick.data.support != document.data.support
    assert quick == load_document(str(path), edited, model)[0]


def test_a_base_with_a_problem_elsewhere_gives_the_data_a_full_load_gives() -> None:
    model, _ = MODELS["account"]
    raw = ACCOUNT.replace("industry: rail\n", "industry: rail\nindustri: rail\n").encode()
    document, problems = load_document("account.md", raw, model)
    assert document is not None and [p.code for p in problems] == ["AP101"]
    edited = raw.replace(b"fit: 4", b"fit: 3")
    quick = patched("account.md", raw, document, edited)
    full, found = load_document("account.md", edited, model)
    assert quick is not None and full is not None and quick == full and found == problems


CONTACT = Path(__file__).resolve().parent.parent / "accounts" / "helios-telecom" / "contacts" / "c-ahmed-rahimi.md"


def _contact(text: str):  # type: ignore[no-untyped-def]
    return load_document("c-ahmed-rahimi.md", text.encode(), MODELS["contact"][0])


def test_a_line_break_python_does_not_split_at_is_left_to_a_full_load() -> None:
    """U+2028 is a line break to YAML: every position after it is a line further on than ``split("\\n")`` says.
    Found by review: with two of them, the body's first line stood where YAML put the frontmatter's last value,
    and editing the body changed that value."""
    text = CONTACT.read_text(encoding="utf-8")
    text = text.replace("---\nid:", "---\n# a\u2028# b\u2028# c\nid:", 1).replace("support: 4\n", "", 1)
    text = text.replace("reports_to: c-jan-kowal\n---\n\n", "reports_to: c-jan-kowal\nsupport: 4\n---\nsupport: 4\n", 1)
    base, problems = _contact(text)
    assert base is not None and not problems and base.data.support == 4
    lines = text.split("\n")
    body = lines.index("---", 1) + 1
    assert lines[body] == "support: 4" and base.positions_at(body + 1, 10) == ("support",)  # where YAML has it
    edited = "\n".join([*lines[:body], "support: 2", *lines[body + 1:]])
    assert patched("c.md", text.encode(), base, edited.encode()) is None
    full, _ = _contact(edited)
    assert full is not None and full.data.support == 4 and full.body.startswith("support: 2")


def test_a_list_whose_items_the_loader_refused_is_left_to_a_full_load() -> None:
    """Positions number the items as written, the data only those that loaded: indexes no longer match."""
    text = CONTACT.read_text(encoding="utf-8").replace(
        "knows:\n", "knows:\n  - person: Not An Id\n    strength: 2\n  - person: p-anna-berg\n    strength: 2\n", 1)
    base, problems = _contact(text)
    assert base is not None and [p.code for p in problems] == ["AP107"]
    edited = text.replace("strength: 4", "strength: 5", 1)
    assert patched("c.md", text.encode(), base, edited.encode()) is None
    full, _ = _contact(edited)
    assert full is not None and full.data.knows[-1].strength == 5  # what a wrong index would have missed


def test_history_reads_a_version_only_from_one_that_loaded_without_a_diagnostic(monkeypatch: pytest.MonkeyPatch
                                                                              ) -> None:
    """A key written twice leaves the first one's positions beside the second one's data: such a version (any with
    a diagnostic) is never read from (:func:`generator.history.versions._read`)."""
    from generator.history import versions

    first = ACCOUNT.replace("strategy:\n", "strategy:\n  fit: 4\n  trend: converging\nstrategy:\n", 1)
    versions_ = [first, first.replace("  trend: converging\n", "  trend: diverging\n", 1)]
    versions_.append(versions_[1].replace("industry: rail", "industry: road"))
    clean = [ACCOUNT, ACCOUNT.replace("industry: rail", "industry: road"), ACCOUNT.replace("fit: 4", "fit: 3")]
    used: list[bytes] = []

    def spy(path: str, before: bytes, document: Any, raw: bytes) -> Any:
        used.append(before)
        return patched(path, before, document, raw)

    monkeypatch.setattr(versions, "patched", spy)
    for texts, read_from in ((versions_, []), (clean, [clean[0], clean[1]])):
        keys = [(f"b{i}", "account", "account.md") for i in range(len(texts))]
        blobs = {key[0]: text.encode() for key, text in zip(keys, texts, strict=True)}
        used.clear()
        got = dict(versions._read(keys, blobs, {}))
        assert used == [t.encode() for t in read_from]
        for key, text in zip(keys, texts, strict=True):
            full = load_document("account.md", text.encode(), MODELS["account"][0])
            assert got[key][0] == full[0]
