"""Text the scaffolds write for a person to replace: recognised everywhere as *not filled in*.

``accountplan new`` writes placeholders such as ``To be written - the customer's future
strategy…`` so that a fresh file passes ``check``. They must never count as information:
rule AP315 points at each one, and the scorecards treat a placeholder as missing (a
strategy whose summary is a placeholder is not defined, a placeholder plan is not a plan,
an activity whose summary is a placeholder is not recorded to standard).
"""

from __future__ import annotations

MARK = "To be written"
"""Every frontmatter placeholder starts with this (``To be written - …``)."""

BODIES: dict[str, str] = {
    "account": "What the customer does, why the account matters to us, and what we want to achieve.",
    "contact": "Notes on the relationship: what matters to this person, history, next steps.",
    "activity": "Meeting notes: who said what, opinions heard, next steps.",
    "action": "Why this matters and what done looks like.",
    "opportunity": "The deal: what the customer wants to solve, who decides how, what we must prove, next steps.",
}
"""What each kind of file's Markdown body is for, by file kind: the scaffolds write it as a comment."""


def body_comment(kind: str) -> str:
    """The scaffold's starting body: the guidance as an HTML comment, which pages never show and AP315 does not flag.

    Nothing the user must replace, so a fresh file passes every check without a placeholder warning; the
    first note written below it is the first information. (Older scaffolds wrote the text bare: AP315 still
    points at that.)
    """
    return f"<!-- {BODIES[kind]} -->"


def placeholder(text: str | None) -> str:
    """``To be written - {text}``: how a scaffold writes a value to fill in."""
    return f"{MARK} - {text}" if text else MARK


def is_placeholder(text: str | None) -> bool:
    """Whether ``text`` is (still) a scaffold's placeholder, whatever its case or surrounding space."""
    return text is not None and text.strip().casefold().startswith(MARK.casefold())


def is_placeholder_body(body: str) -> bool:
    """Whether a Markdown body is still exactly one of the scaffolds' starting texts."""
    return body.strip() in BODIES.values()
