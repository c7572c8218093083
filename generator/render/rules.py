"""The rule reference, rendered from each rule module's own documentation."""

from __future__ import annotations

from functools import cache
from typing import Any

from .. import translate
from ..rules import registry
from .context import Site
from .markup import to_html

_doc_html = cache(to_html)
"""A rule's documentation as HTML, converted once a process: the rules page is assembled again after every save
of a server (61 rules through Markdown and nh3); :func:`.markup.to_html` is a function of the text alone."""

VIEW = "rule-list"
"""The part name of the rule list (:class:`.context.Parts`): ``rule_list(site)``, a function of the code, the language
and the settings alone."""


def rules_view(site: Site) -> list[dict[str, Any]]:
    """Every registered rule with its code, summary, severities and documentation as HTML."""
    return site.parts(VIEW, rule_list, site)


def rule_list(site: Site) -> list[dict[str, Any]]:
    """:func:`rules_view`, made now."""
    t = site.t
    out = []
    for code in sorted(registry()):
        rule = registry()[code]
        doc = rule.doc.strip()
        body = doc.split("\n", 1)[1] if "\n" in doc else ""
        body = translate.rule_doc(code, t.lang) or body
        configured = site.settings.rules.get(code)
        out.append({
            "code": code, "anchor": code.lower(), "name": rule.name, "summary": translate.text(rule.summary, t.lang),
            "default": t.enum("severity", rule.severity.label), "default_value": rule.severity.label,
            "configured": t.enum("severity", configured) if configured else None,
            "doc": _doc_html(body),
        })
    return out
