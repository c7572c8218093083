"""Golden cases: each ``cases/<code>-<words>.yml`` is a small accounts/ tree and the exact diagnostics it yields.

A case holds ``files`` (relative path -> text, or ``{link: target}``, or ``{text, encoding, pad}``), optional
``today``, ``settings`` and ``codes_also_checked``, and ``expect``: ``"path:line:col CODE"`` strings or mappings
with ``path, line, column, code`` and optionally ``severity``, ``message`` and ``hint`` (substrings). Only the codes the
case names (its file-name prefix, ``codes_also_checked`` and every expected code) are compared, and those exactly.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.config import Settings
from generator.load.portfolio import load_portfolio
from generator.rules import registry, validate

CASES = sorted((Path(__file__).parent / "cases").glob("*.yml"))
TODAY = dt.date(2026, 11, 27)


def write_tree(root: Path, files: dict[str, Any]) -> None:
    """Write a case's files: text as UTF-8, ``{link}`` as a symlink, ``{text, encoding, pad}`` as bytes."""
    for rel, spec in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, dict) and "link" in spec:
            os.symlink(spec["link"], path)
            continue
        text, encoding = (spec, "utf-8") if isinstance(spec, str) else (spec["text"], spec.get("encoding", "utf-8"))
        data = text.encode(encoding)
        pad = spec.get("pad", 0) if isinstance(spec, dict) else 0
        path.write_bytes(data + b"x" * max(0, pad - len(data)))


def _expected(item: str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(item, dict):
        return item
    where, code = item.split()
    path, line, column = where.rsplit(":", 2)
    return {"path": path, "line": int(line), "column": int(column), "code": code}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_case(case: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    root = tmp_path / "accounts"
    root.mkdir()
    write_tree(root, spec["files"])
    settings = Settings.from_mapping({**spec.get("settings", {}), "today": spec.get("today", TODAY)})
    expected = [{**_expected(item), "root": root} for item in spec["expect"]]
    codes = {case.name.split("-")[0], *spec.get("codes_also_checked", [])} | {e["code"] for e in expected}
    diagnostics = [d for d in validate(load_portfolio(str(root)), settings) if d.code in codes]
    found = {_key(os.path.abspath(d.path), root, d.line, d.column, d.code): d for d in diagnostics}
    got = sorted(_key(os.path.abspath(d.path), root, d.line, d.column, d.code) for d in diagnostics)
    assert got == sorted(_key(**e) for e in expected), "\n".join(d.one_line() for d in diagnostics)
    for e in expected:
        match = found[_key(**e)]
        assert e.get("severity", match.severity.label) == match.severity.label
        assert e.get("message", "") in match.message
        assert match.hint, "every diagnostic says how to fix it"
        assert e.get("hint", "") in match.hint
        assert match.severity == registry()[match.code].severity or match.code in settings.rules, "as documented"


def _key(path: str, root: Path, line: int, column: int, code: str, **_: Any) -> tuple[str, int, int, str]:
    return os.path.relpath(os.path.abspath(root / path), root), line, column, code
