"""Who knows whom and opportunities in dimension 2: more terms of 管理客户信息 (customer information).

Formula 3 (the default) adds what the article counts as customer information: **strengths assessed %**
(below) and **decider stances known %** — of the deciding contacts (by role, :func:`deciders`) of every
open opportunity past the early stages (the pairs AP320 asks about), the share whose stance on that
opportunity is known (not ``unknown``, not missing):
support "can only show in support for a project" (支持度只能表现在项目的支持度上), so knowing each
decider's stance is information about the customer. Formula 2 (opt-in) adds these two:

- **strengths assessed %** — formula 2: of every relationship between one of our people and a current
  contact (an owner, or a ``knows`` record), the share whose strength is assessed (1–5, not ``unknown``);
  formula 3: of the current key contacts, the share with at least one assessed strength (so recording an
  ``unknown`` relationship never scores below leaving it out): the information completeness of the
  relationships (信息完整度);
- **key contacts known by two %** — of the current key contacts (a deciding role, or influence 4+),
  the share known to at least two of our people: the breadth that guards against 一多 (关键客户
  掌握在少数销售精英手中).

A term is left out when it has nothing to count (no key contacts, no opportunity past the early stages), so an
account without contacts or open opportunities scores as under formula 1 (honest data is never
penalised). Formula 1 leaves all of them out: the scores of before issue 14, reproducible with
``scoring: {formula: 1}``. 一多 itself is reported by findings (AP317, AP325), not scored by default.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Contact, Opportunity
from ..model.opportunity import deciders
from ..model.stages import Stages
from .figures import rate
from .labels import msg
from .types import Figure, Value

Terms = tuple[list[tuple[str, Figure]], dict[str, Value]]
"""Named terms of the mean (each only when it has something to count) and their inputs."""


def information_terms(formula: int, current: Sequence[Contact], opportunities: Sequence[Opportunity],
                      stages: Stages) -> Terms:
    """The terms ``formula`` adds to customer information: none for 1, who knows whom for 2, and for 3
    strengths assessed (of ``knows`` records) plus decider stances known."""
    if formula < 2:
        return [], {}
    if formula == 2:
        return knows_terms(current)
    strengths, strength_inputs = recorded_strengths(current)
    stances, stance_inputs = decider_stances(current, opportunities, stages)
    return strengths + stances, strength_inputs | stance_inputs


def recorded_strengths(current: Sequence[Contact]) -> Terms:
    """Strengths assessed % over the current key contacts: the share for whom at least one of our people's
    ``knows`` strength is assessed. Counted over key contacts, not over records, so writing down a
    relationship whose strength is still ``unknown`` never scores below leaving it out."""
    key = [c for c in current if c.key]
    assessed = sum(1 for c in key if any(k.strength is not None for k in c.knows))
    terms = [("strengths assessed %", rate("assessed", assessed, len(key), msg("f.none"), empty=None))]
    return terms if key else [], {"key contacts": len(key), "strengths assessed": assessed}


def decider_stances(current: Sequence[Contact], opportunities: Sequence[Opportunity], stages: Stages) -> Terms:
    """Decider stances known %: over every (opportunity past the early stages and still open, deciding contact)
    pair, the share with a known stance. The same pairs AP320 asks about, so recording a lead early never
    lowers the score."""
    live = [o for o in opportunities if stages.is_open(o.stage) and stages.past_early(o.stage)]
    pairs = [(o, c) for o in live for c in deciders(current, o)]
    known = sum(1 for o, c in pairs if (s := o.stance(c.id)) is not None and s.support is not None)
    terms = [("decider stances known %", rate("stances", known, len(pairs), msg("f.none"), empty=None))]
    return terms if pairs else [], {"open opportunities": len(live), "decider stances": len(pairs),
                                    "stances known": known}


def knows_terms(current: Sequence[Contact]) -> Terms:
    """The two terms of formula 2 (each only when it has something to count) and their inputs."""
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
