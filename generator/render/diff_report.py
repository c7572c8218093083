"""The semantic diff as a pull-request comment (Markdown), as JSON, and as before/after maps."""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict
from typing import Any

from .. import translate
from ..edit.diff import SECTIONS, DiffReport
from ..model.portfolio import Portfolio
from ..publish.atomic import target_in, write_text_atomic
from ..translate.language import is_zh
from .svg import relationship_map

_t = translate.t
MARKER = "<!-- accountplan-diff -->"
"""First line of the comment, so CI can find and update its own comment instead of adding more."""

_TITLES = {"account": "Account", "contacts": "Contacts", "opportunities": "Opportunities and actions",
           "plans": "Plans and initiatives",
           "activities": "New activities", "issues": "Issues and complaints", "scores": "Scores"}
_STATUS = {"added": "new account", "removed": "removed", "changed": "changed", "unreadable": "has errors"}
_SUMMARY = (
    ("contact-added", "new contact(s)"), ("contact-left", "contact(s) left"), ("support", "support change(s)"),
    ("intimacy", "intimacy change(s)"), ("plan-added", "new plan(s)"), ("plan-status", "plan update(s)"),
    ("initiative-status", "initiative update(s)"), ("activities", "new activity(ies)"),
    ("issue-opened", "new issue(s)"), ("issue-closed", "closed issue(s)"),
    ("knows-added", "new who-knows-whom pair(s)"), ("knows-removed", "who-knows-whom pair(s) removed"),
    ("knows-strength", "relationship strength change(s)"), ("opportunity-added", "new opportunity(ies)"),
    ("opportunity-won", "opportunity(ies) won"), ("opportunity-lost", "opportunity(ies) lost"),
    ("stance", "stance change(s)"), ("action-added", "new action(s)"), ("action-done", "action(s) done"),
    ("action-overdue", "overdue action(s)"),
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: str) -> str:
    """User text made inert in Markdown: no links, HTML, emphasis or @-mentions of real people."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split())).replace("@", "&#64;")


def code(text: str) -> str:
    """``text`` as a Markdown code span (backslashes do not escape inside one, so backticks are replaced)."""
    return "`" + " ".join(text.split()).replace("`", "'") + "`"


def summary(report: DiffReport, lang: str = "en") -> str:
    """One line: how many accounts changed and the main kinds of change (in ``lang``, see :mod:`..translate`)."""
    base, head = code(report.base), code(_t(report.head, lang))
    if not report.accounts:
        return _t("No changes to account data between {base} and {head}.", lang, base=base, head=head)
    by_status = {s: sum(a.status == s for a in report.accounts) for s in _STATUS}
    line = _t("**{n} account(s) changed** between {base} and {head}", lang, n=len(report.accounts), base=base,
              head=head)
    extra = [_t(f"{{n}} {s}", lang, n=by_status[s]) for s in ("added", "removed") if by_status[s]]
    # in Chinese the measure word comes with the label: 3 位新联系人
    counts = [f"{n} {_t(label, lang)}" for kind, label in _SUMMARY if (n := report.count(kind))]
    zh = is_zh(lang)
    tail = (f"（{'，'.join(extra)}）" if zh else f" ({', '.join(extra)})") if extra else ""
    colon, end = ("：", "。") if zh else (": ", ".")
    return line + tail + (colon + " · ".join(counts) if counts else "") + end


def to_markdown(report: DiffReport, lang: str = "en") -> str:
    """The comment: a marker, a summary line, then one heading per account with short bullets by section."""
    lines = [MARKER, "## " + _t("Account changes", lang), "", summary(report, lang)]
    for account in report.accounts:
        status = _t(_STATUS[account.status], lang)
        zh = is_zh(lang)  # full-width brackets after a Chinese status or name
        heading = "### {name}（{slug}）— {status}" if zh else "### {name} ({slug}) - {status}"
        lines += ["", heading.format(name=md(account.name), slug=code(account.slug), status=status)]
        for section in SECTIONS:
            changes = [c for c in account.changes if c.section == section]
            if changes:
                lines += ["", f"**{_t(_TITLES[section], lang)}**", ""]
                lines += [f"- {md(translate.text(c.text, lang))}" for c in changes]
    return "\n".join(lines) + "\n"


def to_json(report: DiffReport, lang: str = "en") -> str:
    """The same report as JSON: base, head, summary line and each account's changes."""
    data: dict[str, Any] = asdict(report)
    data["summary"] = summary(report, lang)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


FORMATS = {"markdown": to_markdown, "json": to_json}


def write_maps(report: DiffReport, base: Portfolio, head: Portfolio, folder: str) -> list[str]:
    """``<slug>.before.svg`` and ``<slug>.after.svg`` relationship maps for each changed account."""
    os.makedirs(folder, exist_ok=True)
    sides = (("before", base), ("after", head))
    written = []
    for account in report.accounts:
        for side, portfolio in sides:
            dossier = next((d for d in portfolio.dossiers if d.slug == account.slug), None)
            if dossier is None:
                continue
            svg = relationship_map([c.data for c in dossier.contacts], portfolio.people)
            path = os.path.join(folder, f"{account.slug}.{side}.svg")
            write_text_atomic(target_in(folder, f"{account.slug}.{side}.svg"), svg)
            written.append(path)
    return written
