"""The rule registry: every code, in one explicit list, and the validator that runs them.

Codes never change meaning: a retired rule keeps its number unused.
AP0xx files and YAML, AP1xx schema, AP2xx references, AP3xx method, AP4xx privacy and gifts.
AP5xx are taken by ``accountplan source check`` (:mod:`generator.sources.check`), which needs the network.

:func:`validate` runs per-dossier rules (see :mod:`.base`) once for roster.yml and once per
dossier (:func:`dossier_diagnostics`), and cross-account rules once over every account's
summary: three parts, so that :mod:`generator.incremental` can keep the per-dossier one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from types import ModuleType

from ..config import Settings
from ..diagnostics import Diagnostic, Severity, sort_diagnostics
from ..model import Roster
from ..model.codes import RULE_MODULES
from ..model.document import Document
from ..model.portfolio import Dossier, Portfolio
from . import entries
from .base import ACCOUNTS, DOSSIER, AccountSummary, Rule

RULES = RULE_MODULES
"""Every rule module, in code order (the one table of codes, :data:`generator.model.codes.RULE_MODULES`)."""

MODULES: tuple[ModuleType, ...] = tuple(importlib.import_module(f"{__name__}.{name}") for name in RULES)


@cache
def registry() -> dict[str, Rule]:
    """Every rule by code."""
    rules = {}
    for module in MODULES:
        scope = getattr(module, "SCOPE", DOSSIER)
        rule = Rule(module.CODE, module.NAME, module.SEVERITY, module.__doc__ or "", module,
                    getattr(module, "check", None), scope, getattr(module, "check_accounts", None),
                    getattr(module, "check_roster", None))
        if rule.code in rules:
            raise RuntimeError(f"rule code {rule.code} registered twice")
        if scope not in (DOSSIER, ACCOUNTS) or (scope == ACCOUNTS) != (rule.check_accounts is not None):
            raise RuntimeError(f"rule {rule.code}: scope {scope!r} needs check_accounts exactly when {ACCOUNTS!r}")
        if scope == ACCOUNTS and (rule.check or rule.check_roster) is not None:
            raise RuntimeError(f"rule {rule.code}: a cross-account rule has check_accounts only")
        rules[rule.code] = rule
    return rules


DossierCheck = Callable[[str, Document[Roster] | None, Dossier, Settings], list[Diagnostic]]
"""How one dossier is checked: :func:`dossier_diagnostics`, or a function that gives what it gives."""


def validate(portfolio: Portfolio, settings: Settings, check: DossierCheck | None = None) -> list[Diagnostic]:
    """Loader diagnostics plus every rule's, severities from settings, sorted; 'off' rules dropped.

    ``check`` checks each dossier (default :func:`dossier_diagnostics`; the incremental package passes one
    that keeps the results of unchanged dossiers).
    """
    each = check or dossier_diagnostics
    found = list(portfolio.diagnostics)
    found += roster_diagnostics(portfolio.root, portfolio.roster, settings)
    for dossier in portfolio.dossiers:
        found += each(portfolio.root, portfolio.roster, dossier, settings)
    found += account_diagnostics([AccountSummary.of(d) for d in portfolio.dossiers], settings)
    return finish(found, settings)


def _active(scope: str, settings: Settings) -> list[Rule]:
    return [rule for rule in registry().values() if rule.scope == scope and settings.rules.get(rule.code) != "off"]


def roster_diagnostics(root: str, roster: Document[Roster] | None, settings: Settings) -> list[Diagnostic]:
    """Per-dossier rules' diagnostics about roster.yml itself."""
    if roster is None:
        return []
    return [d for rule in _active(DOSSIER, settings) if rule.check_roster for d in rule.check_roster(roster, settings)]


def dossier_diagnostics(root: str, roster: Document[Roster] | None, dossier: Dossier,
                        settings: Settings) -> list[Diagnostic]:
    """Per-dossier rules' diagnostics about one dossier, which sees the roster's people."""
    try:
        return [d for rule in _active(DOSSIER, settings) if rule.check for d in rule.check(dossier, roster, settings)]
    finally:
        entries.forget()


def account_diagnostics(accounts: Sequence[AccountSummary], settings: Settings) -> list[Diagnostic]:
    """Cross-account rules' diagnostics over every account's summary, in slug order."""
    return [d for rule in _active(ACCOUNTS, settings) if rule.check_accounts for d in rule.check_accounts(accounts)]


def finish(found: Iterable[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """Severities from settings, 'off' codes dropped, sorted and without repeats: what :func:`validate` returns."""
    return sort_diagnostics(_with_severity(d, settings) for d in found if settings.rules.get(d.code) != "off")


def _with_severity(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    override = settings.rules.get(diagnostic.code)
    if override is None:
        return diagnostic
    return replace(diagnostic, severity=Severity.parse(override))


__all__ = ["Rule", "registry", "validate"]
