"""Diagnostics written out in a language: ``check --lang zh`` and the site's findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..diagnostics import FORMATS, Diagnostic, Severity
from . import diagnostics, language, t


def format_text(found: Sequence[Diagnostic], lang: str) -> str:
    """Like :func:`generator.diagnostics.format_text`, with every word in ``lang``."""
    lines = []
    for d in found:
        line = t("{path}:{line}:{column}: {code} {severity}: {message}", lang, path=d.path, line=d.line,
                 column=d.column, code=d.code, severity=t(d.severity.label, lang), message=d.message)
        lines.append(line + (t(" (hint: {hint})", lang, hint=d.hint) if d.hint else ""))
    errors = sum(d.severity is Severity.ERROR for d in found)
    warnings = sum(d.severity is Severity.WARNING for d in found)
    lines.append(t("{errors} error(s), {warnings} warning(s)", lang, errors=errors, warnings=warnings))
    return "\n".join(lines)


def formatter(name: str, lang: str) -> Callable[[Sequence[Diagnostic]], str]:
    """The output format ``name`` (text, github, json) writing messages and hints in ``lang``."""
    if language(lang) == "en":
        return FORMATS[name]
    if name == "text":
        return lambda found: format_text(diagnostics(found, lang), lang)
    return lambda found: FORMATS[name](diagnostics(found, lang))
