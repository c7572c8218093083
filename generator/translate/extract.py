"""``python -m generator.translate.extract``: write ``messages.pot``, every message template in the code.

Reads the source (never imports or runs it): the string and f-string arguments of the calls
that make diagnostics, the model's field docs (hints quote them), plus the texts the CLI and
the ``diff`` report pass to ``translate.t`` or make with ``said``, and the CLI's ``help=`` texts.
An f-string's expressions become ``{placeholders}`` named after the expression, which is
what a catalogue entry's ``msgid`` must say. Update the ``.po`` files from the template
with ``pybabel update -D accountplan -i generator/translate/locale/messages.pot -d generator/translate/locale``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from . import DOMAIN, LOCALE

PACKAGE = Path(__file__).resolve().parents[1]
_MAKERS = re.compile(r"(diagnostic|Diagnostic|error|warning|problem|_diag|info|Error|Problem|Exception|_fail)$")
"""Calls whose text arguments are messages: diagnostics, and exceptions (their text is what the user reads)."""
_MARKERS = ("translate.t", "_t", "said")
"""The CLI's and reports' translation calls and :func:`generator.translate.said`: the first argument is already a
template."""


def placeholder(expression: str) -> str:
    """The placeholder name for an f-string expression: ``len(warm)`` → ``len_warm``."""
    return re.sub(r"\W+", "_", expression).strip("_").lower()[:20] or "x"


def template(node: ast.expr, source: str) -> str | None:
    """The template of a string, f-string or ``+`` of them; ``None`` for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            elif isinstance(value, ast.FormattedValue):
                parts.append("{" + placeholder(ast.get_source_segment(source, value.value) or "") + "}")
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = template(node.left, source), template(node.right, source)
        return left + right if left is not None and right is not None else None
    return None


def templates(path: Path) -> list[tuple[str, int]]:
    """(template, line) of every message made in one module."""
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = ast.get_source_segment(source, node.func) or ""
        if _MAKERS.search(name):
            texts = [template(a, source) for a in _texts(node.args)]
            found += [(t, node.lineno) for t in texts if t and " " in t and not t.startswith("AP")]
        elif name in ("fld", "scale") and node.args:  # a field's doc, quoted by hints (AP103)
            doc = template(node.args[0], source)
            if doc:
                found.append((doc, node.lineno))
        elif name.endswith(("add_argument", "add_parser")):  # --help texts (generator/cli/argtext.translate_help)
            helps = [template(k.value, source) for k in node.keywords if k.arg == "help"]
            found += [(text, node.lineno) for text in helps if text]
        elif name in _MARKERS and node.args:  # already a template: its braces are placeholders, not literal text
            found += [(text, node.lineno) for text in _chosen(node.args[0])]
    found += [(text, node.lineno) for node in ast.walk(ast.parse(source))
              if isinstance(node, ast.Yield) and node.value and (text := template(node.value, source)) and " " in text]
    return found


def _chosen(node: ast.expr) -> list[str]:
    """The template strings of a ``t(...)`` first argument: a string, or either string of ``a if x else b``."""
    if isinstance(node, ast.IfExp):
        return _chosen(node.body) + _chosen(node.orelse)
    return [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else []


def _texts(args: list[ast.expr]) -> list[ast.expr]:
    """The arguments, and the items of list or tuple arguments (``ConfigError([f"..."])``)."""
    return [item for a in args for item in (a.elts if isinstance(a, ast.List | ast.Tuple) else [a])]


def catalog() -> Catalog:
    """Every template in the package, with where it is made."""
    result = Catalog(domain=DOMAIN, project="accountplan")
    for path in sorted(PACKAGE.rglob("*.py")):
        for text, line in templates(path):
            result.add(text, locations=[(str(path.relative_to(PACKAGE.parent)), line)])
    return result


def main() -> None:
    """Write ``locale/messages.pot``."""
    with (LOCALE / "messages.pot").open("wb") as handle:
        write_po(handle, catalog(), width=120)


if __name__ == "__main__":
    main()
