"""Diagnostics written out in a language: ``check --lang zh`` and the site's findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..diagnostics import FORMATS, Diagnostic, Severity, rule_url
from . import diagnostic, diagnostics, t
from .language import normalize


def format_text(found: Sequence[Diagnostic], lang: str, rules_page: str | None = None) -> str:
    """Like :func:`generator.diagnostics.format_text`, with every word in ``lang``."""
    lines = [_line(d, lang, rules_page) for d in found]
    errors = sum(d.severity is Severity.ERROR for d in found)
    warnings = sum(d.severity is Severity.WARNING for d in found)
    lines.append(t("{errors} error(s), {warnings} warning(s)", lang, errors=errors, warnings=warnings))
    return "\n".join(lines)


def _line(d: Diagnostic, lang: str, rules_page: str | None = None) -> str:
    """One already translated diagnostic as ``file:line:col: CODE severity: message (hint)`` in ``lang``."""
    line = t("{path}:{line}:{column}: {code} {severity}: {message}", lang, path=d.path, line=d.line,
             column=d.column, code=d.code, severity=t(d.severity.label, lang), message=d.message)
    line += t(" (hint: {hint})", lang, hint=d.hint) if d.hint else ""
    url = rule_url(d.code, rules_page)
    return f"{line} — {url}" if url else line


def one_line(found: Diagnostic, lang: str, rules_page: str | None = None) -> str:
    """Like :meth:`Diagnostic.one_line`, with every word in ``lang`` (``fmt``, ``render`` and the build's log)."""
    if normalize(lang) == "en":
        return found.one_line(rules_page)
    return _line(diagnostic(found, lang), lang, rules_page)


def formatter(name: str, lang: str, rules_page: str | None = None) -> Callable[[Sequence[Diagnostic]], str]:
    """The output format ``name`` (text, github, json) writing messages and hints in ``lang``.

    With ``rules_page`` (the site's rule reference), each finding links to its rule's section.
    """
    if normalize(lang) == "en":
        return lambda found: FORMATS[name](found, rules_page)
    if name == "text":
        return lambda found: format_text(diagnostics(found, lang), lang, rules_page)
    return lambda found: FORMATS[name](diagnostics(found, lang), rules_page)
