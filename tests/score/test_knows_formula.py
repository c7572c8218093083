"""Scoring formulas of 管理客户信息 (dimension 2): 1 as before issue 14, 2 with who knows whom (一多 breadth),
3 (the default) with strengths assessed and deciders' stances known on open opportunities."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.config import Settings
from generator.model import Account, Contact, Knows, Opportunity, Stance
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
    old = customer_info(ACCOUNT, CONTACTS, TODAY, scoring_config(Settings(scoring={"formula": 1})))
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
        ACCOUNT, [], TODAY, scoring_config(Settings(scoring={"formula": 1}))).value
    with pytest.raises(ValueError, match=r"scoring\.formula: expected 1, 2 or 3"):
        scoring_config(Settings(scoring={"formula": 4}))


def _opportunity(oid: str, stage: str, stances: list[Stance], unit: str = "IT") -> Opportunity:
    return Opportunity(id=oid, name=oid, unit=unit, stage=stage, stances=stances)


OPPORTUNITIES = [
    # open, unit IT: deciders c-a (stance known) and c-d (unknown) → 1 of 2
    _opportunity("o-open", "proposal", [Stance(contact="c-a", support=4), Stance(contact="c-d", support=None)]),
    # open, another unit with no decider of its own: c-a is not in Sales and not executive → nothing to count
    _opportunity("o-sales", "lead", [], unit="Sales"),
    # closed: not counted even though c-a's stance is missing
    _opportunity("o-won", "won", []),
]
DECIDER = _contact("c-d", "approver", 3, ["p-ann"], [])


def test_formula_3_is_the_default_and_adds_strengths_assessed_and_decider_stances() -> None:
    config = scoring_config(Settings())
    assert (config.formula, config.version) == (3, "3.0")
    one = customer_info(ACCOUNT, [*CONTACTS, DECIDER], TODAY, scoring_config(Settings(scoring={"formula": 1})))
    new = customer_info(ACCOUNT, [*CONTACTS, DECIDER], TODAY, config, OPPORTUNITIES)
    # 3 key contacts (c-a, c-b, c-d), only c-a with an assessed strength; 1 open opportunity past the early
    # stages (o-open; the lead o-sales is not asked about, as AP320 does not), 2 decider stances (c-a, c-d), 1 known
    assert (new.inputs["key contacts"], new.inputs["strengths assessed"]) == (3, 1)
    assert (new.inputs["open opportunities"], new.inputs["decider stances"], new.inputs["stances known"]) == (1, 2, 1)
    assert new.inputs["strengths assessed %"] == 33.3 and new.inputs["decider stances known %"] == 50.0
    assert "key contacts known by two %" not in new.inputs  # 一多 is a finding
    three = [one.inputs[k] for k in ("fields filled %", "reviewed in time %", "fresh sources %")]
    assert new.value == pytest.approx(round((sum(three) + 33.3 + 50.0) / 5, 1), abs=0.06)
    assert new.formula.startswith("mean of fields filled %, reviewed in time %, fresh sources %, strengths assessed")


def test_formula_3_never_lowers_a_score_for_what_has_nothing_to_count() -> None:
    """No relationships and no open opportunity with a decider: the same score as formula 1 (honest data)."""
    config, one = scoring_config(Settings()), scoring_config(Settings(scoring={"formula": 1}))
    bare = [_contact("c-x", "user", 2, ["p-ann"], [])]  # an owner, no knows record
    closed = [_opportunity("o-lost", "lost", []), _opportunity("o-sales", "proposal", [], unit="Sales")]
    three = customer_info(ACCOUNT, bare, TODAY, config, closed)
    assert "decider stances known %" not in three.inputs and "strengths assessed %" not in three.inputs
    assert three.value == customer_info(ACCOUNT, bare, TODAY, one).value


def test_an_older_formula_names_its_version_unless_one_is_set() -> None:
    assert scoring_config(Settings(scoring={"formula": 1})).version == "1.0"
    assert scoring_config(Settings(scoring={"formula": 2, "version": "2027.1"})).version == "2027.1"


def test_recording_an_unknown_strength_or_an_early_lead_never_scores_below_leaving_it_out() -> None:
    """Honest data: a knows record with strength unknown, or a lead whose stances are not known yet, is no worse
    than not writing it down at all."""
    config = scoring_config(Settings())
    silent = [_contact("c-k", "decision-maker", 5, ["p-ann"], [])]
    honest = [_contact("c-k", "decision-maker", 5, ["p-ann"], [Knows(person="p-ann", strength=None)])]
    lead = [_opportunity("o-lead", "lead", [Stance(contact="c-k", support=None)])]
    assert customer_info(ACCOUNT, honest, TODAY, config, lead).value == customer_info(ACCOUNT, silent, TODAY,
                                                                                      config).value
