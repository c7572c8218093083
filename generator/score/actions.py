"""Dimension 2, field behaviour (现场行为管理): the nine key business actions, each 0–100.

Two kinds of measure, on purpose:

* actions that ask *did we do it* (define the strategy, plan the relationships, keep the
  information, record activities and opinions) score 0 when nothing is recorded — an
  empty dossier has not done them;
* rates of things that may simply not exist yet (plan completion with no plan in a layer,
  issues closed in time with no issue raised, quality with no rated activity) are n/a,
  and the group's weights are renormalised over the rest.

Everything is judged at ``as_of``: activities, issues, surveys and sources after it are not
yet known; a plan's status stays as recorded but it is overdue if its due date is past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Account, Activity, Contact, Initiative, Opportunity, Plan
from ..model.placeholders import is_placeholder
from .config import ACTIONS, ScoringConfig
from .figures import checklist, clamp, mean, num, r1, rate, scale_score
from .knows import information_terms
from .labels import composed, msg, term, text
from .types import Figure, Value

CONTACT_FIELDS = ("owners", "goals", "sources")
"""Contact fields the method needs beyond the required ones: our owner, what is in it for them, a source."""
STANCE_FIELDS = ("intimacy", "support")
"""Required, but may be ``unknown``: a level not known yet is an unfilled slot, an information gap."""
INITIATIVE_PROGRESS = {"planned": 0, "in-progress": 50, "done": 100}


def active_contacts(contacts: Sequence[Contact], as_of: dt.date) -> list[Contact]:
    """Contacts still at the customer on ``as_of``; those who left stay in the history only."""
    return [c for c in contacts if c.left is None or c.left > as_of]


def filled(text: str | None) -> bool:
    """Text that says something: not empty and not a scaffold's placeholder (which never counts as filled)."""
    return bool(text and text.strip()) and not is_placeholder(text)


def plans_in_earnest(account: Account) -> list[Plan]:
    """Plans not dropped and not still a scaffold's placeholder (a placeholder goal is not a plan yet)."""
    return [p for p in account.plans if p.status != "dropped" and filled(p.goal)]


def customer_strategy(account: Account) -> Figure:
    """制定客户群及客户战略: customer group and strategy insight defined (placeholders count as missing)."""
    s = account.strategy
    checks = {
        "segment": filled(account.segment),
        "strategy": s is not None and filled(s.summary),
        "investment areas": bool(s and any(filled(area) for area in s.investment_areas)),
        "business scope": bool(s and filled(s.business_scope)),
        "organization": bool(s and filled(s.organization)),
        "sourced": bool(s and (s.sources or any(f.sources for f in s.facts))),
    }
    if s is not None and s.position == "edge":
        checks["edge detail"] = filled(s.edge_detail)
    return checklist("actions.info.customer_strategy", checks, "items defined")


def relationship_plan(account: Account) -> Figure:
    """客户关系规划: an improvement plan (not dropped) for each of the three layers."""
    layers = {p.layer for p in plans_in_earnest(account)}
    return checklist("actions.info.relationship_plan",
                     {layer: layer in layers for layer in ("key", "general", "organizational")}, "layers planned")


def _field_filled(value: object) -> bool:
    """A contact field the method needs holds something real: a non-empty list or filled text."""
    return filled(value) if isinstance(value, str) or value is None else bool(value)


def customer_info(account: Account, contacts: Sequence[Contact], as_of: dt.date, config: ScoringConfig,
                  opportunities: Sequence[Opportunity] = ()) -> Figure:
    """管理客户信息: current contacts' records filled and reviewed in time, sources fresh; under formula 3
    also strengths assessed and deciders' stances known (:mod:`.knows`)."""
    current = active_contacts(contacts, as_of)
    slots = len(current) * (len(CONTACT_FIELDS) + len(STANCE_FIELDS))
    done = (sum(1 for c in current for name in CONTACT_FIELDS if _field_filled(getattr(c, name)))
            + sum(1 for c in current for name in STANCE_FIELDS if getattr(c, name) is not None))
    grace = dt.timedelta(days=config.limits.review_grace_days)
    reviewed = sum(1 for c in current if c.review_by + grace >= as_of)
    sources = [s for s in account.sources if s.collected <= as_of]
    fresh = sum(1 for s in sources if (as_of - s.dated).days <= config.limits.source_max_age_days
                and (s.review_by is None or s.review_by + grace >= as_of))
    no_contacts, none = msg("n.no_contacts"), msg("f.none")
    parts = [
        ("fields filled %", rate("fields", done, slots, none, empty=no_contacts, empty_value=0.0)),
        ("reviewed in time %", rate("reviewed", reviewed, len(current), none, empty=no_contacts, empty_value=0.0)),
        ("fresh sources %", rate("fresh", fresh, len(sources), none, empty=msg("n.no_sources"), empty_value=0.0)),
    ]
    inputs: dict[str, Value] = {
        "current contacts": len(current), "left": len(contacts) - len(current),
        "fields filled": done, "fields expected": slots, "reviewed in time": reviewed,
        "sources": len(sources), "fresh sources": fresh,
    }
    extra, more = information_terms(config.formula, current, opportunities, config.stages)
    parts += extra
    inputs.update(more)
    notes = sorted({m for _, f in parts for m in f.notes}, key=text)
    terms = [(name, float(f.value or 0.0)) for name, f in parts]
    formula = msg({1: "f.customer_info", 2: "f.customer_info_2"}.get(config.formula, "f.customer_info_3"))
    return mean("actions.info.customer_info", formula, terms, inputs=inputs, notes=notes)


def _item(kind: str, item: Plan | Initiative, as_of: dt.date, penalty: float) -> tuple[str, float, bool]:
    """``(label, counted progress, overdue)`` of a plan or initiative."""
    if isinstance(item, Plan):
        progress = 100.0 if item.status == "done" else float(item.progress)
        overdue = item.status != "done" and item.due < as_of
    else:
        progress = float(INITIATIVE_PROGRESS.get(item.status, 0))
        overdue = item.status == "planned" and item.date is not None and item.date < as_of
    counted = r1(progress * (1 - penalty)) if overdue else progress
    return composed("item_overdue" if overdue else "item", kind=kind, id=item.id), counted, overdue


def plan_completion(layer: str, account: Account, as_of: dt.date, config: ScoringConfig) -> Figure:
    """提升计划完成率 for one layer: mean progress of its plans, overdue ones penalised, dropped ones out.

    The organizational layer also counts the four kinds of initiative (done 100, in progress
    50, planned 0), the momentum the method builds company to company.
    """
    key = f"actions.plans.{layer}"
    items: list[tuple[str, Plan | Initiative]] = [("plan", p) for p in plans_in_earnest(account) if p.layer == layer]
    if layer == "organizational":
        items.extend(("initiative", i) for i in account.initiatives if i.status != "dropped")
    dropped = sum(1 for p in account.plans if p.layer == layer and p.status == "dropped")
    judged = [_item(kind, item, as_of, config.overdue_penalty) for kind, item in items]
    overdue = sum(1 for *_, late in judged if late)
    formula = msg("f.plans", penalty=num(config.overdue_penalty))
    return mean(key, formula, [(label, counted) for label, counted, _ in judged],
                empty=msg("n.no_plan", layer=term(layer)),
                inputs={"overdue": overdue, "dropped": dropped})


def contact_standard(activities: Sequence[Activity], weeks: int) -> Figure:
    """规范接触活动: share of the window's activities recorded to standard."""
    lacking = {
        "no summary": sum(1 for a in activities if not filled(a.summary)),
        "no contacts": sum(1 for a in activities if not a.contacts),
        "no people": sum(1 for a in activities if not a.people),
        "no quality": sum(1 for a in activities if a.quality is None),
    }
    complete = sum(1 for a in activities if filled(a.summary) and a.contacts and a.people and a.quality is not None)
    inputs: dict[str, Value] = {"activities": len(activities), "to standard": complete, **lacking}
    return rate("actions.satisfaction.contact_standard", complete, len(activities),
                msg("f.contact_standard"), empty=msg("n.no_activities_window", weeks=str(weeks)), inputs=inputs,
                empty_value=0.0)


def quality(account: Account, activities: Sequence[Activity], as_of: dt.date) -> Figure:
    """提升活动质量, 对客户满意度负责: mean activity quality and the latest satisfaction result, 1–5 as 0–100."""
    rated = [a.quality for a in activities if a.quality is not None]
    surveys = sorted((s for s in account.satisfaction if s.date <= as_of), key=lambda s: s.date)
    terms: list[tuple[str, float]] = []
    inputs: dict[str, Value] = {"rated activities": len(rated)}
    if rated:
        level = r1(sum(rated) / len(rated))
        inputs["mean quality"] = level
        terms.append(("quality score", scale_score(level)))
    if surveys:
        inputs["latest satisfaction"] = surveys[-1].score
        inputs["survey date"] = surveys[-1].date.isoformat()
        terms.append(("satisfaction score", scale_score(surveys[-1].score)))
    return mean("actions.satisfaction.quality", msg("f.quality"), terms, empty=msg("n.no_rated"), inputs=inputs)


def closed_loop(account: Account, activities: Sequence[Activity], as_of: dt.date, config: ScoringConfig) -> Figure:
    """闭环问题和投诉, 收集记录传递客户意见: issues closed in time, opinions recorded."""
    limit = config.limits.issue_close_days
    in_time = late = pending = 0
    for issue in account.issues:
        if issue.opened > as_of:
            continue
        # a closing date after as_of was not known then: the issue was still open
        known_closed = issue.status == "closed" and (issue.closed is None or issue.closed <= as_of)
        if known_closed:
            if (as_of - issue.opened).days > config.issue_lookback_days:
                continue
            if issue.closed is not None and (issue.closed - issue.opened).days <= limit:
                in_time += 1
            else:
                late += 1
        elif (as_of - issue.opened).days > limit:
            late += 1
        else:
            pending += 1
    issues = rate("issues", in_time, in_time + late, msg("f.none"), empty=None)
    heard = sum(1 for a in activities if a.opinions)
    share = 100 * heard / len(activities) if activities else 0.0
    opinions = clamp(100 * share / config.opinion_share_target)
    inputs: dict[str, Value] = {
        "closed in time": in_time, "late or closed undated": late, "open within limit": pending,
        "close days": limit, "activities": len(activities), "with opinions": heard,
        "opinion share target %": config.opinion_share_target,
    }
    terms = [("opinions score", opinions)]
    if issues.value is not None:
        terms.insert(0, ("issues score", float(issues.value)))
    notes = [] if issues.value is not None else [msg("n.no_issue_due")]
    if not activities:
        notes.append(msg("n.no_opinions"))
    return mean("actions.satisfaction.closed_loop", msg("f.closed_loop"), terms, inputs=inputs, notes=notes)


def score_actions(account: Account, contacts: Sequence[Contact], activities: Sequence[Activity],
                  as_of: dt.date, config: ScoringConfig, opportunities: Sequence[Opportunity] = ()
                  ) -> tuple[Figure, ...]:
    """The nine actions in the method's order (``ACTIONS``)."""
    found = [
        customer_strategy(account),
        relationship_plan(account),
        customer_info(account, contacts, as_of, config, opportunities),
        *(plan_completion(layer, account, as_of, config) for layer in ACTIONS["plans"]),
        contact_standard(activities, config.limits.weeks_window),
        quality(account, activities, as_of),
        closed_loop(account, activities, as_of, config),
    ]
    return tuple(found)
