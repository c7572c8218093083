"""One change about an account, as the semantic diff (:mod:`.diff`, :mod:`.diff_work`) reports it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Contact, Person, scales


@dataclass(frozen=True)
class Change:
    """One change about an account."""

    section: str
    """One of :data:`generator.edit.diff.SECTIONS`."""
    kind: str
    """Stable name, e.g. ``contact-added``, ``support``, ``plan-status``, ``activities``, ``score``."""
    subject: str
    """Id of what changed (contact, plan, person, score key); empty for the account itself."""
    text: str
    """One line of English for a pull-request comment."""
    before: Any = None
    after: Any = None
    details: dict[str, Any] = field(default_factory=dict)


def arrow(before: float | None, after: float | None) -> str:
    """``▲`` for up, ``▼`` for down; nothing when either side is unknown (learning is not a rise)."""
    if before is None or after is None:
        return ""
    return "▲" if after > before else "▼" if after < before else ""


def level(labels: scales.Labels, value: int | None) -> str:
    """A scale level's English name, e.g. ``supporter``; ``unknown`` when not known yet."""
    if value is None:
        return scales.UNKNOWN
    return labels.get(value, (str(value), ""))[0]


def who(contact: Contact) -> str:
    """``Zhang Wei (CTO)``."""
    return f"{contact.name} ({contact.title})"


def person_name(people: dict[str, Person], person_id: str) -> str:
    """``Tom Hale`` for a roster id, the id itself when unknown."""
    return people[person_id].name if person_id in people else person_id
