"""Rules declare their scope truthfully, and the in-process memo re-checks exactly the changed dossiers.

``validate`` (and the check index) run a per-dossier rule once per dossier, ``check(dossier, roster,
settings)``, and its ``check_roster`` once for roster.yml: a rule is handed nothing else, so its
diagnostics cannot depend on other accounts. The fixtures (the sample with the cross-account rules made
to fire, and every golden case) make every rule fire.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml

from generator.config import Settings
from generator.diagnostics import Diagnostic
from generator.incremental.memo import Memo
from generator.incremental.rules import validate as validate_kept
from generator.load.portfolio import load_portfolio
from generator.model.portfolio import Portfolio
from generator.rules import registry, validate
from generator.rules.base import ACCOUNTS, DOSSIER
from tests.rules.test_cases import CASES, write_tree

SAMPLE = Path(__file__).resolve().parents[2] / "accounts"
SETTINGS = Settings(today=dt.date(2027, 6, 1))
Said = list[tuple[str, str, str, tuple[str | int, ...]]]


def said(diagnostics: Iterator[Diagnostic] | list[Diagnostic]) -> Said:
    """Everything each diagnostic says, sorted (Diagnostic equality ignores severity, hint and loc)."""
    return sorted((d.one_line(), d.severity.label, d.hint, d.loc) for d in diagnostics)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def crossed_sample(root: Path) -> Path:
    """The sample with a duplicate account name, an unknown parent and an account that is its own parent."""
    shutil.copytree(SAMPLE, root)
    shutil.copytree(root / "lumen-retail", root / "lumen-retail-again")
    replace_in(root / "helios-enterprise" / "account.md", "parent: helios-telecom", "parent: helios-telcom")
    replace_in(root / "borealis-bank" / "account.md", "name: ", "parent: borealis-bank\nname: ")
    return root


def portfolios(tmp_path: Path) -> Iterator[tuple[str, Portfolio, Settings]]:
    yield "sample", load_portfolio(str(crossed_sample(tmp_path / "sample"))), SETTINGS
    for case in CASES:
        spec = yaml.safe_load(case.read_text(encoding="utf-8"))
        root = tmp_path / case.stem
        root.mkdir()
        write_tree(root, spec["files"])
        today = spec.get("today", dt.date(2026, 11, 27))
        settings = Settings.from_mapping({**spec.get("settings", {}), "today": today})
        yield case.stem, load_portfolio(str(root)), settings


def test_every_rule_with_a_check_fires_on_the_fixtures(tmp_path: Path) -> None:
    """The sample (cross-account rules made to fire) and the golden cases exercise every rule that has a check."""
    fired: set[str] = set()
    for _, portfolio, settings in portfolios(tmp_path):
        fired |= {d.code for d in validate(portfolio, settings)}
    checking = {code for code, rule in registry().items() if rule.check or rule.check_accounts}
    assert checking <= fired


def test_a_per_dossier_rule_sees_one_dossier_the_roster_and_the_settings() -> None:
    """The per-dossier API is ``check(dossier, roster, settings)`` (and ``check_roster(roster, settings)``): no rule
    is handed a portfolio, so none can compare accounts but through ``check_accounts``."""
    for code, rule in registry().items():
        if rule.check is not None:
            assert list(inspect.signature(rule.check).parameters) == ["dossier", "roster", "settings"], code
        if rule.check_roster is not None:
            assert list(inspect.signature(rule.check_roster).parameters) == ["roster", "settings"], code
        if rule.scope == ACCOUNTS:
            assert rule.check is None and rule.check_roster is None and rule.check_accounts is not None, code
    assert sorted(code for code, rule in registry().items() if rule.check_roster) == ["AP202", "AP204", "AP405"]


def test_roster_problems_are_reported_by_check_roster(tmp_path: Path) -> None:
    """A problem in roster.yml itself is reported at roster.yml: validate runs the rules' check_roster."""
    root = crossed_sample(tmp_path / "accounts")
    replace_in(root / "roster.yml", "  - id: p-tom-hale",
               "  - {id: p-tom-hale, name: Again, title: Again, email: a@example.com, region: X}\n  - id: p-tom-hale")
    found = [d for d in validate(load_portfolio(str(root)), SETTINGS) if d.code == "AP204"]
    assert [d.path.endswith("roster.yml") for d in found] == [True]


def test_scopes_are_declared() -> None:
    scopes = {code: rule.scope for code, rule in registry().items()}
    assert set(scopes.values()) == {DOSSIER, ACCOUNTS}
    assert sorted(code for code, scope in scopes.items() if scope == ACCOUNTS) == ["AP205", "AP206", "AP207"]


def test_memo_rechecks_only_the_dossiers_whose_inputs_changed(tmp_path: Path) -> None:
    root = crossed_sample(tmp_path / "accounts")
    slugs = sorted(p.name for p in root.iterdir() if p.is_dir())
    memo: Memo[list[Diagnostic]] = Memo()

    def run(settings: Settings = SETTINGS) -> int:
        """How many dossiers a memoized validate checks; it must report what a plain one does."""
        portfolio = load_portfolio(str(root))
        assert said(validate_kept(portfolio, settings, memo)) == said(validate(portfolio, settings))
        return memo.computed

    assert run() == len(slugs)
    assert run() == 0
    replace_in(root / "atlas-freight" / "contacts" / "c-bart-peeters.md", "reports_to: c-rui-fonseca",
               "reports_to: c-nobody")
    assert run() == 1
    (root / "lumen-retail" / "contacts" / "c-extra.md").write_bytes(b"not a contact")  # changes contact ids only
    assert run() == 1
    assert run(dataclasses.replace(SETTINGS, today=dt.date(2027, 7, 1))) == len(slugs)
    assert run(dataclasses.replace(SETTINGS, today=dt.date(2027, 7, 1))) == 0
    replace_in(root / "roster.yml", "  - id: p-tom-hale", "  - id: p-tom-gone")
    assert run() == len(slugs)
    shutil.rmtree(root / "lumen-retail-again")
    assert run() == 0


def test_memo_does_not_reuse_documents_without_a_digest(tmp_path: Path) -> None:
    portfolio = load_portfolio(str(crossed_sample(tmp_path / "accounts")))
    memo: Memo[list[Diagnostic]] = Memo()
    portfolio.dossiers[0].account.digest = ""
    validate_kept(portfolio, SETTINGS, memo)
    # Same path, same (missing) digest, other content: only the digest guard tells them apart.
    replace_in(Path(portfolio.dossiers[0].account.path), "name: ", "name: Renamed\nformer_name: ")
    edited = load_portfolio(portfolio.root)
    edited.dossiers[0].account.digest = ""
    portfolio.dossiers[0] = edited.dossiers[0]
    assert said(validate_kept(portfolio, SETTINGS, memo)) == said(validate(portfolio, SETTINGS))
    assert memo.computed == 0  # the others were re-used; the one without a digest was checked anew
