"""Rules declare their scope truthfully, and the in-process memo re-checks exactly the changed dossiers.

``validate`` (and the check index) run a per-dossier rule once for roster.yml and once per
dossier. That is only right if the rule's diagnostics over the whole portfolio are the union
of those runs: checked here for every rule, on the sample with the cross-account rules made
to fire and on every golden case (each makes its rule fire).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml

from generator.config import Settings
from generator.diagnostics import Diagnostic, Severity
from generator.load.portfolio import load_portfolio
from generator.memo import Memo
from generator.model.portfolio import Portfolio
from generator.rules import registry, validate
from generator.rules.base import ACCOUNTS, DOSSIER, AccountSummary, Check, Context
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


def split_run(check: Check, portfolio: Portfolio, settings: Settings) -> Said:
    """A per-dossier check run as validate runs it: once for roster.yml, then once per dossier."""
    found = list(check(Context(Portfolio(portfolio.root, portfolio.roster, [], []), settings)))
    for dossier in portfolio.dossiers:
        one = Portfolio(portfolio.root, portfolio.roster, [dossier], [])
        found += check(Context(one, settings, roster_file=False))
    return said(found)


def test_per_dossier_rules_give_the_union_of_their_per_dossier_runs(tmp_path: Path) -> None:
    fired: set[str] = set()
    for name, portfolio, settings in portfolios(tmp_path):
        for rule in registry().values():
            if rule.check is None:
                continue
            whole = said(rule.check(Context(portfolio, settings)))
            fired |= {rule.code} if whole else set()
            if rule.scope == DOSSIER:
                assert split_run(rule.check, portfolio, settings) == whole, f"{rule.code} on {name}"
            else:
                accounts = [AccountSummary.of(d) for d in portfolio.dossiers]
                assert rule.check_accounts is not None
                assert said(rule.check_accounts(accounts)) == whole, f"{rule.code} on {name}"
    # The fixtures exercise every rule that has a check.
    assert fired == {code for code, rule in registry().items() if rule.check is not None}


def test_a_cross_account_rule_declared_per_dossier_would_be_caught(tmp_path: Path) -> None:
    def same_tier_elsewhere(ctx: Context) -> Iterator[Diagnostic]:
        for dossier in ctx.portfolio.dossiers:
            others = [d for d in ctx.portfolio.dossiers if d is not dossier]
            if any(d.account.data.tier == dossier.account.data.tier for d in others):
                yield dossier.account.diagnostic("AP999", Severity.INFO, "shares its tier", "", ("tier",))

    portfolio = load_portfolio(str(crossed_sample(tmp_path / "accounts")))
    assert split_run(same_tier_elsewhere, portfolio, SETTINGS) != said(same_tier_elsewhere(Context(portfolio,
                                                                                                    SETTINGS)))


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
        assert said(validate(portfolio, settings, memo)) == said(validate(portfolio, settings))
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
    validate(portfolio, SETTINGS, memo)
    # Same path, same (missing) digest, other content: only the digest guard tells them apart.
    replace_in(Path(portfolio.dossiers[0].account.path), "name: ", "name: Renamed\nformer_name: ")
    edited = load_portfolio(portfolio.root)
    edited.dossiers[0].account.digest = ""
    portfolio.dossiers[0] = edited.dossiers[0]
    assert said(validate(portfolio, SETTINGS, memo)) == said(validate(portfolio, SETTINGS))
    assert memo.computed == 0  # the others were re-used; the one without a digest was checked anew
