"""Scoring formula 2: who knows whom feeds 管理客户信息 (dimension 2); formula 1, the default, scores as before."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.config import Settings
from generator.model import Account, Contact, Knows
from generator.score.actions import customer_info
from generator.score.config import scoring_config

TODAY = dt.date(2026, 11, 27)


def _contact(cid: str, role: str, influence: int, owners: list[str], knows: list[Knows]) -> Contact:
    return Contact(id=cid, name=cid, title="Head", department="IT", level="senior", role=role,  # type: ignore[arg-type]
                   influence=influence, intimacy=3, support=3, owners=owners, knows=knows,
                   review_by=dt.date(2027, 6, 1), goals="Grow", sources=[])


ACCOUNT = Account(name="Acme", tier="C", industry="Retail", region="North", market="mature", currency="EUR")
CONTACTS = [
    # key (decider), known by two, one strength assessed of two relationships
    _contact("c-a", "decision-maker", 4, ["p-ann"], [Knows(person="p-ann", strength=3),
                                                     Knows(person="p-jon", strength=None)]),
    # key (influence 4), known by one, its one relationship unassessed
    _contact("c-b", "influencer", 4, ["p-ann"], []),
    # not key
    _contact("c-c", "user", 2, ["p-jon"], [Knows(person="p-jon", strength=2)]),
]


def test_formula_2_adds_strengths_assessed_and_key_breadth() -> None:
    old = customer_info(ACCOUNT, CONTACTS, TODAY, scoring_config(Settings()))
    new = customer_info(ACCOUNT, CONTACTS, TODAY, scoring_config(Settings(scoring={"formula": 2, "version": "2"})))
    assert "strengths assessed %" not in old.inputs
    # 4 relationships (c-a: ann, jon; c-b: ann; c-c: jon), 2 assessed; 2 key contacts, 1 known by two
    assert (new.inputs["our relationships"], new.inputs["strengths assessed"]) == (4, 2)
    assert (new.inputs["key contacts"], new.inputs["known by two or more"]) == (2, 1)
    assert new.inputs["strengths assessed %"] == 50.0 and new.inputs["key contacts known by two %"] == 50.0
    three = [old.inputs[k] for k in ("fields filled %", "reviewed in time %", "fresh sources %")]
    assert old.value == pytest.approx(round(sum(three) / 3, 1))
    assert new.value == pytest.approx(round((sum(three) + 50.0 + 50.0) / 5, 1))


def test_formula_2_leaves_out_what_has_nothing_to_count_and_formula_is_checked() -> None:
    config = scoring_config(Settings(scoring={"formula": 2}))
    assert customer_info(ACCOUNT, [], TODAY, config).value == customer_info(
        ACCOUNT, [], TODAY, scoring_config(Settings())).value
    with pytest.raises(ValueError, match=r"scoring\.formula: expected 1 or 2"):
        scoring_config(Settings(scoring={"formula": 3}))
