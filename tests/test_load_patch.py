"""A version loaded from an earlier version's load (:mod:`generator.load.patch`) is the full load, or not given."""

from __future__ import annotations

import re
from pathlib import Path

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
