"""The rule table: unique codes that match their modules, each documented and covered by a golden case."""

from __future__ import annotations

import re
from pathlib import Path

from generator.diagnostics import Severity
from generator.rules import MODULES, registry

CASES = Path(__file__).parent / "cases"
SECTIONS = ("## What it does", "## Why is this bad", "## Example", "## Use instead")


def test_codes_and_names_are_unique_and_codes_match_module_names() -> None:
    codes = [m.CODE for m in MODULES]
    assert len(codes) == len(set(codes))
    assert codes == sorted(codes), "MODULES lists rules in code order"
    names = [m.NAME for m in MODULES]
    assert len(names) == len(set(names))
    for module in MODULES:
        assert module.__name__.rsplit(".", 1)[1].split("_")[0].upper() == module.CODE
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", module.NAME), module.NAME
        assert isinstance(module.SEVERITY, Severity)


def test_every_rule_documents_all_four_sections() -> None:
    for code, rule in registry().items():
        positions = [rule.doc.find(section) for section in SECTIONS]
        assert -1 not in positions and positions == sorted(positions), f"{code} doc needs {SECTIONS} in order"
        assert rule.summary and not rule.summary.startswith("#"), f"{code} doc opens with a one-line summary"


def test_every_code_has_a_golden_case() -> None:
    covered = {path.name.split("-")[0] for path in CASES.glob("*.yml")}
    assert set(registry()) <= covered, f"no case for {sorted(set(registry()) - covered)}"
    assert covered <= set(registry()), f"cases for unregistered codes {sorted(covered - set(registry()))}"


def test_loader_phase_rules_say_which_stage_enforces_them() -> None:
    for code, rule in registry().items():
        if rule.at_load:
            assert "Enforced while loading, by `generator/load/" in rule.doc, code
        else:
            assert code[2] in "234", f"{code}: only reference, method and privacy rules run after loading"
