"""Who knows whom in dimension 2 (scoring ``formula: 2``): two more terms of 管理客户信息 (customer information).

- **strengths assessed %** — of every relationship between one of our people and a current contact
  (an owner, or a ``knows`` record), the share whose strength is assessed (1–5, not ``unknown``):
  the information completeness of the relationships (信息完整度);
- **key contacts known by two %** — of the current key contacts (a deciding role, or influence 4+),
  the share known to at least two of our people: the breadth that guards against 一多 (关键客户
  掌握在少数销售精英手中).

A term is left out when it has nothing to count (no relationships recorded, no key contacts), so an
account without contacts scores as before. Formula 1 (the default) leaves both out: the scores of
before issue 14, reproducible; a team opts in with ``scoring: {formula: 2, version: ...}``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Contact
from .figures import rate
from .labels import msg
from .types import Figure, Value


def knows_terms(current: Sequence[Contact]) -> tuple[list[tuple[str, Figure]], dict[str, Value]]:
    """The two terms (each only when it has something to count) and their inputs."""
    pairs = sum(len(c.known_by) for c in current)
    assessed = sum(1 for c in current for k in c.knows if k.strength is not None and k.person in c.known_by)
    key = [c for c in current if c.key]
    broad = sum(1 for c in key if len(c.known_by) >= 2)
    none = msg("f.none")
    terms = []
    if pairs:
        terms.append(("strengths assessed %", rate("assessed", assessed, pairs, none, empty=None)))
    if key:
        terms.append(("key contacts known by two %", rate("broad", broad, len(key), none, empty=None)))
    inputs: dict[str, Value] = {"our relationships": pairs, "strengths assessed": assessed, "key contacts": len(key),
                                "known by two or more": broad}
    return terms, inputs
