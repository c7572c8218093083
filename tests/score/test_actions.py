"""Dimension 2 against one hand-worked account, then the edges: no activities, left contacts, overdue plans."""

from __future__ import annotations

from typing import Any

import pytest

from generator.model import Account, Activity, Contact
from generator.score.account import score_account
from generator.score.actions import score_actions
from generator.score.config import scoring_config
from generator.score.types import AccountScore

from .builders import (
    TODAY,
    account,
    activity,
    contact,
    day,
    initiative,
    issue,
    kpi,
    plan,
    settings,
    source,
    strategy,
    survey,
)


def worked_account() -> tuple[Account, list[Contact], list[Activity]]:
    """The account every number in ``EXPECTED`` was worked out for by hand (as of 2026-11-27)."""
    acct = account(
        segment="Utilities",
        strategy=strategy(investment_areas=["grid"], organization="Three divisions", sources=["s1"],
                          position="edge"),
        sources=[source("s1", "2026-06-01"),                   # 179 days old: fresh
                 source("s2", "2025-01-01"),                   # 695 days old: stale
                 source("s3", "2026-12-10")],                  # collected after as_of: not known yet
        plans=[
            plan("k1", "key", "2027-01-31", progress=60),      # 60
            plan("k2", "key", "2026-10-31", progress=40),      # overdue: 40 × (1 − 0.5) = 20
            plan("k3", "key", "2026-09-30", "done", 30),       # done counts 100
            plan("k4", "key", "2027-03-31", "dropped", 0),     # dropped: left out
            plan("o1", "organizational", "2027-06-30", "planned", 10),   # 10
            plan("g1", "general", "2027-06-30", "dropped", 0),           # the only general plan, dropped
        ],
        initiatives=[initiative("i1", "done", "2026-05-01"),            # 100
                     initiative("i2", "in-progress", "2026-11-01"),     # 50
                     initiative("i3", "planned", "2026-09-01")],        # planned, date past: 0 × 0.5 = 0
        issues=[
            issue("is1", "2026-10-01", "2026-10-20"),          # closed in 19 days: in time
            issue("is2", "2026-09-01", "2026-11-15"),          # closed in 75 days: late
            issue("is3", "2026-11-20"),                        # open 7 days: within the 30, not judged yet
            issue("is4", "2026-08-01"),                        # open 118 days: late
            issue("is5", "2024-01-01", "2024-01-05"),          # closed long ago: outside the 365-day look-back
        ],
        satisfaction=[survey("2026-06-01", 4), survey("2026-12-15", 1)],   # the December one is not known yet
        kpi=[kpi(2026, 900, 108, 3, target=1200)],             # KPI score 65 (see test_kpi)
    )
    contacts = [
        contact("c1", owners=["p-a"], goals="Promotion", sources=["s1"], intimacy=4, support=5),
        contact("c2", owners=["p-a"], review_by=day("2026-11-01"), intimacy=2, support=3),   # review overdue
        contact("c3", owners=["p-a"], goals="x", sources=["s1"], left=day("2026-06-01"), intimacy=5, support=5),
    ]
    activities = [
        activity("2026-11-20", quality=4, opinions=["Wants faster delivery"]),   # to standard
        activity("2026-11-10", quality=None),                                    # no quality
        activity("2026-10-01", quality=2, contacts=[]),                          # no contacts
        activity("2026-08-01", quality=5),                                       # before the 12-week window
        activity("2026-12-01", quality=5),                                       # after as_of
    ]
    return acct, contacts, activities


EXPECTED: dict[str, float | None] = {
    # segment, strategy, investment areas, organization, sourced; business scope and (edge position)
    # edge detail missing: 100 × 5 / 7
    "actions.info.customer_strategy": 71.4,
    # key and organizational planned, general only dropped: 100 × 2 / 3
    "actions.info.relationship_plan": 66.7,
    # current contacts c1, c2 (c3 left). fields filled (owners, goals, sources, intimacy, support) c1 5 + c2 3
    # of 10: 80; reviewed 1 of 2: 50; fresh sources 1 of 2 (s3 not known yet): 50.  (80 + 50 + 50) / 3 = 60
    "actions.info.customer_info": 60.0,
    # (60 + 20 + 100) / 3
    "actions.plans.key": 60.0,
    # o1 10, i1 100, i2 50, i3 0: (10 + 100 + 50 + 0) / 4
    "actions.plans.organizational": 40.0,
    # no general plan that is not dropped: n/a
    "actions.plans.general": None,
    # window 2026-09-05 .. 2026-11-27 holds 3 activities, 1 to standard: 100 × 1 / 3
    "actions.satisfaction.contact_standard": 33.3,
    # mean quality (4 + 2) / 2 = 3 -> (3 − 1) × 25 = 50; June survey 4 -> 75; (50 + 75) / 2
    "actions.satisfaction.quality": 62.5,
    # issues: 1 in time of 2 due (is1; is2, is4 late): 33.3; opinions on 1 of 3 activities = 33.3% of a
    # 50% target -> 66.7; (33.3 + 66.7) / 2
    "actions.satisfaction.closed_loop": 50.0,
}


def test_nine_actions_hand_worked() -> None:
    acct, contacts, activities = worked_account()
    config = scoring_config(settings())
    window = [a for a in activities if day("2026-09-04") < a.date <= TODAY]
    found = {f.key: f.value for f in score_actions(acct, contacts, window, TODAY, config)}
    assert found == EXPECTED


def scored(**scoring: Any) -> AccountScore:
    acct, contacts, activities = worked_account()
    return score_account("worked", acct, contacts, activities, TODAY, scoring_config(settings(**scoring)))


def test_groups_dimensions_and_total_hand_worked() -> None:
    score = scored()
    assert {g.key: g.value for g in score.groups} == {
        "groups.info": 66.0,            # (71.4 + 66.7 + 60) / 3 = 66.03
        "groups.plans": 50.0,           # (60 + 40) / 2, general n/a
        "groups.satisfaction": 48.6,    # (33.3 + 62.5 + 50) / 3 = 48.6
    }
    assert score.groups[1].note == "n/a: general; weights renormalised over the rest"
    assert score.actions_score.value == 54.9      # (66 + 50 + 48.6) / 3 = 54.87
    assert score.actions_score.worked == "(1 × 66 + 1 × 50 + 1 × 48.6) / 3"
    assert score.kpi_score.value == 65.0          # mature: 0.5 × 50 + 0.5 × 80
    assert score.total.value == 60.0              # 0.5 × 65 + 0.5 × 54.9 = 32.5 + 27.45 = 59.95, half up
    assert score.total.worked == "0.5 × 65 + 0.5 × 54.9"
    assert score.total.inputs == {"kpi": 65.0, "kpi weight": 0.5, "actions": 54.9, "actions weight": 0.5}
    assert score.cadence.value == 0.3             # 3 meetings in the window / 12 weeks = 0.25, half up


@pytest.mark.parametrize(("scoring", "total"), [
    ({}, 60.0),                                                   # 0.5 × 65 + 0.5 × 54.9
    ({"dimension_weights": {"kpi": 0.7, "actions": 0.3}}, 62.0),  # 0.7 × 65 + 0.3 × 54.9 = 45.5 + 16.47
    ({"dimension_weights": {"kpi": 0}}, 54.9),                    # (0.5 × 54.9) / 0.5: actions only
    # closed loop weighed 3: satisfaction (33.3 + 62.5 + 3 × 50) / 5 = 49.16 -> 49.2;
    # actions (66 + 50 + 49.2) / 3 = 55.07 -> 55.1; total 0.5 × 65 + 0.5 × 55.1 = 60.05 -> 60.1
    ({"action_weights": {"satisfaction.closed_loop": 3}}, 60.1),
    # groups: info counts double: (2 × 66 + 50 + 48.6) / 4 = 57.65 -> 57.7; total 32.5 + 28.85 = 61.35 -> 61.4
    ({"group_weights": {"info": 2}}, 61.4),
    # mature KPI on profit alone: 80; total 0.5 × 80 + 0.5 × 54.9 = 67.45 -> 67.5
    ({"mature_weights": {"completion": 0}}, 67.5),
    # overdue plans count nothing: key (60 + 0 + 100) / 3 = 53.3; organizational unchanged (i3 was 0 anyway);
    # plans (53.3 + 40) / 2 = 46.65 -> 46.7; actions (66 + 46.7 + 48.6) / 3 = 53.77 -> 53.8; total 32.5 + 26.9
    # = 59.4
    ({"overdue_penalty": 1}, 59.4),
])
def test_weights_from_configuration_change_the_total(scoring: dict[str, object], total: float) -> None:
    assert scored(**scoring).total.value == total


def test_no_activities_at_all() -> None:
    acct, contacts, _ = worked_account()
    score = score_account("quiet", acct, contacts, [], TODAY, scoring_config(settings()))
    actions = {f.key: f for f in score.actions}
    standard = actions["actions.satisfaction.contact_standard"]
    assert standard.value == 0.0 and standard.note == "no activities in the last 12 weeks"
    # no rated activity: only the June survey, (4 − 1) × 25
    assert actions["actions.satisfaction.quality"].value == 75.0
    # issues 33.3, opinions 0: (33.3 + 0) / 2 = 16.65 -> 16.7 (half up)
    loop = actions["actions.satisfaction.closed_loop"]
    assert loop.value == 16.7 and "no opinions" in loop.note
    assert score.cadence.value == 0.0


def test_empty_dossier_scores_zero_where_nothing_was_done() -> None:
    score = score_account("empty", account(), [], [], TODAY, scoring_config(settings()))
    actions = {f.key: f.value for f in score.actions}
    assert actions == {
        "actions.info.customer_strategy": 0.0,       # 100 × 0 / 6
        "actions.info.relationship_plan": 0.0,       # 100 × 0 / 3
        "actions.info.customer_info": 0.0,           # no contacts, no sources: (0 + 0 + 0) / 3
        "actions.plans.key": None,                   # no plans: completion n/a
        "actions.plans.organizational": None,
        "actions.plans.general": None,
        "actions.satisfaction.contact_standard": 0.0,
        "actions.satisfaction.quality": None,
        "actions.satisfaction.closed_loop": 0.0,     # no issue due; opinions 0
    }
    assert [g.value for g in score.groups] == [0.0, None, None]     # no customer voice: no data, not 0 or 100
    assert score.actions_score.value == 0.0
    assert score.kpi_score.value is None             # mature, no KPI
    assert score.total.value == 0.0 and "n/a: kpi" in score.total.note


def test_plan_past_due_is_judged_at_as_of() -> None:
    acct, contacts, _ = worked_account()
    config = scoring_config(settings())
    before = {f.key: f for f in score_actions(acct, contacts, [], day("2026-10-15"), config)}
    after = {f.key: f for f in score_actions(acct, contacts, [], TODAY, config)}
    # 2026-10-15: k2 (due 2026-10-31) not yet overdue, status as recorded: (60 + 40 + 100) / 3 = 66.7
    assert before["actions.plans.key"].value == 66.7
    assert before["actions.plans.key"].inputs["overdue"] == 0
    # 2026-11-27: k2 overdue, counts 40 × (1 − 0.5) = 20: (60 + 20 + 100) / 3 = 60
    assert after["actions.plans.key"].value == 60.0
    assert after["actions.plans.key"].inputs["plan k2 (overdue)"] == 20.0
    assert after["actions.plans.key"].worked == "(60 + 20 + 100) / 3"


def test_contact_who_left_is_out_of_current_coverage() -> None:
    acct, contacts, _ = worked_account()
    config = scoring_config(settings())
    info = next(f for f in score_actions(acct, contacts, [], TODAY, config) if f.key == "actions.info.customer_info")
    assert info.inputs == {
        "current contacts": 2, "left": 1, "fields filled": 8, "fields expected": 10, "reviewed in time": 1,
        "sources": 2, "fresh sources": 1, "fields filled %": 80.0, "reviewed in time %": 50.0, "fresh sources %": 50.0,
        # formula 3: no key contact, no opportunity: both terms left out, the mean is over three
        "key contacts": 0, "strengths assessed": 0, "open opportunities": 0, "decider stances": 0,
        "stances known": 0,
    }
    assert info.worked == "(80 + 50 + 50) / 3"
    # before c3 left (2026-06-01) all three were current: fields 5 + 3 + 5 = 13 of 15 -> 86.7;
    # reviewed 3 of 3 -> 100 (review dates still ahead then); sources: s1 not collected yet, s2 fresh
    # (151 days) -> 100.  (86.7 + 100 + 100) / 3 = 95.57
    earlier = next(f for f in score_actions(acct, contacts, [], day("2025-06-01"), config)
                   if f.key == "actions.info.customer_info")
    assert earlier.inputs["current contacts"] == 3
    assert earlier.value == 95.6
