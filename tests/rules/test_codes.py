"""Rule codes are constants: no code is written as text outside its rule module (or generator/model/codes.py), and
every rule checked while loading names the loader functions that report it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from generator.model import codes
from generator.rules import MODULES, registry

PACKAGE = Path(__file__).resolve().parents[2] / "generator"
CODE = re.compile(r"""["']AP\d{3}["']""")


def _constants() -> dict[str, str]:
    return {name: value for name, value in vars(codes).items() if name.isupper() and isinstance(value, str)}


def test_no_code_is_written_outside_its_rule_module() -> None:
    """A code as a string literal lives in its rule module's ``CODE`` or in model/codes.py, nowhere else."""
    written = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "model/codes.py" or re.fullmatch(r"rules/ap\d{3}_\w+\.py", rel):
            continue
        text = path.read_text(encoding="utf-8")
        written += [f"{rel}:{text.count(chr(10), 0, m.start()) + 1}: {m.group()}" for m in CODE.finditer(text)]
    assert written == []


def test_every_code_constant_is_a_rule_or_a_documented_non_rule() -> None:
    """Each constant of model/codes.py is a registered rule's code (named as the rule), or one of ``NOT_RULES``."""
    rules = registry()
    for name, value in _constants().items():
        if value in codes.NOT_RULES:
            assert value not in rules
            continue
        assert value in rules, name
        assert rules[value].name.upper().replace("-", "_") == name


def test_rule_modules_code_their_codes_once() -> None:
    """A rule module writes its code as text only when model/codes.py does not hold it."""
    shared = set(_constants().values())
    for module in MODULES:
        source = inspect.getsource(module)
        assert bool(CODE.search(source.split('"""', 2)[2])) != (module.CODE in shared), module.__name__


def test_each_load_time_rule_names_its_enforcers() -> None:
    """A rule without a check of its own points to the loader functions reporting it, and they use its constant."""
    by_value = {value: name for name, value in _constants().items()}
    documentation_only = [rule for rule in registry().values() if rule.at_load]
    assert len(documentation_only) == 19
    for rule in documentation_only:
        enforcers = getattr(rule.module, "ENFORCED_BY", ())
        assert enforcers, rule.code
        for function in enforcers:
            module = inspect.getmodule(function)
            assert module is not None and module.__name__.startswith("generator.load."), (rule.code, function)
            assert f"codes.{by_value[rule.code]}" in inspect.getsource(module), (rule.code, function)
