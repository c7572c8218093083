"""The rule registry: every code, in one explicit list, and the validator that runs them.

Codes never change meaning: a retired rule keeps its number unused.
AP0xx files and YAML, AP1xx schema, AP2xx references, AP3xx method, AP4xx privacy and gifts.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

from ..config import Settings
from ..diagnostics import Diagnostic, Severity, sort_diagnostics
from ..load.portfolio import Portfolio
from . import ap202_unknown_reference, ap301_strategy_missing
from .base import Context, Rule

MODULES: tuple[ModuleType, ...] = (
    ap202_unknown_reference,
    ap301_strategy_missing,
)


@cache
def registry() -> dict[str, Rule]:
    """Every rule by code."""
    rules = {}
    for module in MODULES:
        rule = Rule(module.CODE, module.NAME, module.SEVERITY, module.__doc__ or "", module,
                    getattr(module, "check", None))
        if rule.code in rules:
            raise RuntimeError(f"rule code {rule.code} registered twice")
        rules[rule.code] = rule
    return rules


def validate(portfolio: Portfolio, settings: Settings) -> list[Diagnostic]:
    """Loader diagnostics plus every rule's, severities from settings, sorted; 'off' rules dropped."""
    ctx = Context(portfolio, settings)
    found = list(portfolio.diagnostics)
    for rule in registry().values():
        if rule.check is not None and settings.rules.get(rule.code) != "off":
            found.extend(rule.check(ctx))
    return sort_diagnostics(_with_severity(d, settings) for d in found if settings.rules.get(d.code) != "off")


def _with_severity(diagnostic: Diagnostic, settings: Settings) -> Diagnostic:
    override = settings.rules.get(diagnostic.code)
    if override is None:
        return diagnostic
    from dataclasses import replace

    return replace(diagnostic, severity=Severity.parse(override))


__all__ = ["Context", "Rule", "registry", "validate"]
