"""Golden cases from the article's own wording (seed-article-zh.txt): each test quotes the sentence it checks."""

from __future__ import annotations

from generator.model import scales
from generator.score import score_portfolio
from generator.score.account import score_account
from generator.score.actions import customer_info
from generator.score.config import scoring_config
from generator.score.labels import label

from .builders import TODAY, account, activity, contact, dossier, portfolio, settings, team


def test_meeting_customers_five_times_a_week_counts_meetings_not_calls() -> None:
    # 每周最少见客户5次: "meet customers at least five times a week" — seeing them, so 12 calls and
    # 12 e-mails add nothing; the 12 visits are 1 a week against the 5 expected.
    kinds = ["visit"] * 12 + ["call"] * 12 + ["email"] * 12
    acts = [activity(f"2026-11-{1 + i % 12:02d}", kind=kind, people=["p-a"]) for i, kind in enumerate(kinds)]
    scores = score_portfolio(portfolio(dossier("one", account(team=team(("p-a", "AR"))), [], acts)), settings())
    person = scores.people["p-a"]
    assert person.cadence.value == 1.0 and person.cadence.inputs["meetings"] == 12
    assert person.details[0].value == 20.0          # 100 × 1 / 5
    assert "call" not in scoring_config(settings()).cadence_kinds


def test_unknown_support_and_intimacy_are_gaps_never_a_neutral_3() -> None:
    # 亲密度和支持度是关键客户关系的两个重要评价维度: both are judged, so not knowing them is a gap in
    # the information (管理客户信息), not a neutral opinion.
    known = contact("c1", owners=["p-a"], goals="Grow", sources=["s1"], intimacy=4, support=5)
    stranger = contact("c2", owners=["p-a"], goals="Grow", sources=["s1"], intimacy=None, support=None)
    info = customer_info(account(), [known, stranger], TODAY, scoring_config(settings()))
    assert info.inputs["fields filled"] == 8 and info.inputs["fields expected"] == 10   # c2's two levels missing
    assert not stranger.warm and stranger.unknown == ("intimacy", "support")
    one = dossier("one", account(team=team(("p-a", "AR"))), [known, stranger])
    person = score_portfolio(portfolio(one), settings()).people["p-a"]
    health = person.details[1]
    # only c1 is averaged: ((4 + 5) / 2 − 1) × 25 = 87.5; c2 is counted as not yet known, not as a 3 (50)
    assert health.value == 87.5 and health.inputs["not yet known"] == 1
    assert scales.UNKNOWN == "unknown"


def test_no_survey_no_feedback_no_issue_is_no_data_not_a_good_score() -> None:
    # 客户满意度叫客户期望和满意度管理: it manages what the *customer* expects and says. Activities recorded to
    # standard (100) with our own quality rating 4 (75) but no survey, no opinion and no issue are no data —
    # and the dimension counts the group as 0, it does not leave it out and renormalise.
    acts = [activity("2026-11-20", quality=4), activity("2026-11-10", quality=4)]
    score = score_account("quiet", account(), [], acts, TODAY, scoring_config(settings()))
    satisfaction = score.groups[2]
    assert satisfaction.key == "groups.satisfaction" and satisfaction.value is None
    assert satisfaction.note.startswith("no data")
    assert score.actions_score.inputs["satisfaction"] == 0.0
    assert "counted as 0" in score.actions_score.note
    # one opinion heard is the customer's voice: the group is scored again
    heard = [activity("2026-11-20", quality=4, opinions=["Expects a 24-hour response"]), acts[1]]
    assert score_account("heard", account(), [], heard, TODAY, scoring_config(settings())).groups[2].value is not None


def test_the_satisfaction_group_keeps_the_articles_expectations() -> None:
    # 准确地说，客户满意度叫客户期望和满意度管理
    assert label("groups.satisfaction", "zh") == "客户期望和满意度管理"
    assert "expectation" in label("groups.satisfaction", "en")


def test_the_share_of_public_information_is_measured() -> None:
    # 80%的信息都可以通过公开渠道获得: three facts cite the annual report or the news (public), one only our
    # coach: 75% public, against the article's 80%.
    from generator.model import Fact, Source, Strategy
    from generator.score.insight import public_share
    sources = [Source(id="s-ar", channel="annual-report", title="AR", collected=TODAY),
               Source(id="s-news", channel="news", title="News", collected=TODAY),
               Source(id="s-coach", channel="coach", title="Coach", collected=TODAY)]
    facts = [Fact(text="a", sources=["s-ar"]), Fact(text="b", sources=["s-news", "s-coach"]),
             Fact(text="c", sources=["s-ar"]), Fact(text="d", sources=["s-coach"]), Fact(text="unsourced")]
    strategy = Strategy(horizon="2026-2030", summary="Grows.", fit=4, trend="stable", position="main-channel",
                        facts=facts)
    share = public_share(account(sources=sources, strategy=strategy))
    assert (share.value, share.worked, share.inputs["expected %"]) == (75.0, "100 × 3 / 4", 80)
    assert public_share(account()).value is None
