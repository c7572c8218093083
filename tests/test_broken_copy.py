"""A deliberately broken copy of the sample portfolio: every planted problem is reported at its exact line.

The problems are planted with text edits into a copy of ``accounts/``; each expected line is computed
from the edited text, so the test follows the sample as it grows.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.cli import main
from generator.load.portfolio import load_portfolio
from generator.model.portfolio import Dossier

SAMPLE = Path(__file__).resolve().parents[1] / "accounts"
TODAY = "2026-11-27"


@dataclass
class Copy:
    """A copy of the sample under edit, remembering what was planted where."""

    root: Path
    planted: set[tuple[str, int, str]] = field(default_factory=set)

    def lines(self, rel: str) -> list[str]:
        return (self.root / rel).read_text(encoding="utf-8").split("\n")

    def edit(self, rel: str, code: str, pattern: str, repl: str, *, after: int = 0, insert: bool = False) -> int:
        """Rewrite (or insert after) the first line past ``after`` matching ``pattern``; plant ``code`` there."""
        lines = self.lines(rel)
        index = next(i for i, line in enumerate(lines) if i >= after and re.search(pattern, line))
        if insert:
            index += 1
            lines.insert(index, repl)
        else:
            lines[index] = re.sub(pattern, repl, lines[index], count=1)
        (self.root / rel).write_text("\n".join(lines), encoding="utf-8")
        self.planted.add((rel, index + 1, code))
        return index + 1

    def line_of(self, rel: str, pattern: str) -> int:
        """1-based line of the first match of ``pattern``."""
        return next(i for i, line in enumerate(self.lines(rel), 1) if re.search(pattern, line))


def check(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    """Run ``accountplan check --format json`` on ``root``; returns (exit status, diagnostics)."""
    status = main(["--config", "", "check", "--format", "json", "--today", TODAY,
                   str(root)])
    rows = json.loads(capsys.readouterr().out or "[]")
    for row in rows:
        row["path"] = str(Path(str(row["path"])).resolve().relative_to(root.resolve()))
    return status, rows


def target(root: Path) -> Dossier:
    """The account with most contacts that has gifts, an open plan and a linked source (an S account)."""
    dossiers = [d for d in load_portfolio(str(root)).dossiers if d.account.data.gifts and len(d.contacts) >= 8
                and any(p.status in ("planned", "in-progress") for p in d.account.data.plans)
                and any(s.url for s in d.account.data.sources) and d.activities]
    assert dossiers, "the sample needs an S account with contacts, gifts, open plans, sources and activities"
    return max(dossiers, key=lambda d: (len(d.contacts), d.slug))


@pytest.mark.skipif(not (SAMPLE / "roster.yml").exists(), reason="the sample portfolio is not in the tree")
def test_every_planted_problem_is_reported_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "accounts"
    shutil.copytree(SAMPLE, root, symlinks=True)
    status, baseline = check(root, tmp_path, capsys)
    assert [r for r in baseline if r["severity"] == "error"] == [] and status == 0

    dossier = target(root)
    copy = Copy(root)
    main_file = f"{dossier.slug}/account.md"
    contact = {d.data.id: f"{dossier.slug}/contacts/{d.data.id}.md" for d in dossier.contacts}
    # A reporting link A -> B to close into a cycle; the other edits use contacts outside it.
    a, b = next((d.data.id, d.data.reports_to) for d in dossier.contacts
                if d.data.reports_to in contact and d.data.reports_to != d.data.id)
    others = [c for c in sorted(contact) if c not in (a, b)]

    copy.edit(main_file, "AP101", r"^name: .*$", "budget: 100", insert=True)
    copy.edit(main_file, "AP202", r"person: [a-z0-9-]+", "person: p-ghost")
    copy.edit(main_file, "AP405", r"url: \S+", 'url: "JaVaScRiPt:alert(1)"')
    copy.edit(main_file, "AP404", r"kind: (gift|hospitality|travel)\b", "kind: voucher")
    plan = next(p for p in dossier.account.data.plans if p.status in ("planned", "in-progress"))
    copy.edit(main_file, "AP310", r"due: \S+", "due: 2025-01-31", after=copy.line_of(main_file, rf"id: {plan.id}\b"))
    copy.edit(contact[others[0]], "AP105", r"^review_by: .*$", "review_by: 2027-02-30")
    copy.edit(contact[others[1]], "AP104", r"^support: .*$", "support: 7")
    copy.edit(contact[others[2]], "AP308", r"^review_by: .*$", "review_by: 2025-01-31")
    copy.edit(contact[others[3]], "AP009", r"^department: .*$", "title: Second title", insert=True)
    copy.edit(contact[others[4]], "AP005", r"^name: .*$", "name: Bad: Name")
    if any(line.startswith("reports_to:") for line in copy.lines(contact[b])):
        copy.edit(contact[b], "AP203", r"^reports_to: .*$", f"reports_to: {a}")
    else:
        copy.edit(contact[b], "AP203", r"^id: .*$", f"reports_to: {a}", insert=True)
    copy.planted.add((contact[a], copy.line_of(contact[a], r"^reports_to: "), "AP203"))

    planted = f"{dossier.slug}/contacts/c-zz-planted.md"
    (root / planted).write_text(
        "---\nid: c-zz-planted\nname: Pat Planted\ntitle: CFO\ndepartment: Finance\nlevel: executive\n"
        "role: decision-maker\ninfluence: 5\nintimacy: 2\nsupport: 2\nreview_by: 2027-06-01\n---\n", encoding="utf-8")
    copy.planted.add((planted, copy.line_of(planted, r"^support: "), "AP303"))

    activity = f"{dossier.slug}/activities/{Path(dossier.activities[0].path).name}"
    raw = (root / activity).read_bytes().rstrip(b"\n") + b"\n\nPasted from Word \x96 here.\n"
    (root / activity).write_bytes(raw)
    copy.planted.add((activity, raw.count(b"\n"), "AP001"))

    status, found = check(root, tmp_path, capsys)
    reported = {(str(r["path"]), int(str(r["line"])), str(r["code"])) for r in found}
    assert status == 1
    assert len(copy.planted) >= 10
    assert copy.planted <= reported, sorted(copy.planted - reported)
    # Nothing breaks elsewhere: every error is in a file we edited.
    edited = {path for path, _, _ in copy.planted}
    assert {str(r["path"]) for r in found if r["severity"] == "error"} <= edited
