"""The rule registry: every code, in one explicit list, and the validator that runs them.

Codes never change meaning: a retired rule keeps its number unused.
AP0xx files and YAML, AP1xx schema, AP2xx references, AP3xx method, AP4xx privacy and gifts.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

from ..config import Settings
from ..diagnostics import Diagnostic, Severity, sort_diagnostics
from ..load.portfolio import Portfolio
from .base import Context, Rule

RULES = (
    "ap001_not_utf8",
    "ap002_file_too_large",
    "ap003_symlink",
    "ap004_bad_name",
    "ap005_yaml_syntax",
    "ap006_several_documents",
    "ap007_refused_construct",
    "ap008_frontmatter_missing",
    "ap009_duplicate_key",
    "ap010_unexpected_file",
    "ap101_unknown_key",
    "ap102_wrong_type",
    "ap103_required_missing",
    "ap104_value_not_allowed",
    "ap105_invalid_date",
    "ap106_bidi_control",
    "ap201_contact_id_mismatch",
    "ap202_unknown_reference",
    "ap203_reporting_cycle",
    "ap204_duplicate_id",
    "ap205_duplicate_account_name",
    "ap206_unknown_parent",
    "ap301_strategy_missing",
    "ap302_org_plan_missing",
    "ap303_decision_maker_unsupported",
    "ap304_no_coach",
    "ap305_single_threaded",
    "ap306_unsourced_strategy",
    "ap307_stale_source",
    "ap308_contact_review_due",
    "ap309_cash_cow_candidate",
    "ap310_plan_overdue",
    "ap311_iron_triangle",
    "ap312_issue_status",
    "ap401_gift_over_limit",
    "ap402_gifts_per_person_year",
    "ap403_gift_unapproved",
    "ap404_cash_gift",
    "ap405_unsafe_url",
    "ap406_special_category",
)
"""Every rule module, in code order: the one table of codes."""

MODULES: tuple[ModuleType, ...] = tuple(importlib.import_module(f"{__name__}.{name}") for name in RULES)


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
