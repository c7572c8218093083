"""Templates of new dossier files, with comments that guide whoever fills them in.

Plain ``str.format`` templates: the values are already YAML-safe text when they get here
(see :func:`generator.edit.scaffold.yaml_text`). Allowed values and scale names are not
written out by hand: they come from the model, so a template never drifts from the schema.
"""

from __future__ import annotations

import typing

from ..model import account, activity, contact, scales
from ..model.placeholders import body_comment, placeholder


def choices(hint: object) -> str:
    """The allowed values of a ``Literal`` type, comma-separated."""
    return ", ".join(str(a) for a in typing.get_args(hint))


def scale(labels: scales.Labels) -> str:
    """``1 opponent · 2 non-supporter · …``: a scale's levels with their English names."""
    return " · ".join(f"{level} {en}" for level, (en, _zh) in sorted(labels.items()))


ACCOUNT = """\
---
# The account's main file. Its folder name is the account's slug (its id in links).
# After editing, run `accountplan check`, or let the pull request check it for you.
name: {name}
# tier: S (strategic), A (partner), B or C. S and A need the strategy block below.
tier: {tier}
industry: {industry}
region: {region}
# market: saline-alkali (盐碱地, not buying yet), breakthrough (新突破, new) or mature (成熟)
market: {market}
currency: {currency}  # currency of the KPI figures, e.g. EUR
# our account team: AR (account), SR (solution), FR (fulfilment), sponsor or member
team:
  - person: {person}
    role: AR
{strategy}---
""" + body_comment("account") + "\n"

STRATEGY = """\
# The customer's strategy, 3–5 years ahead (客户洞察). Replace the placeholder summary.
strategy:
  horizon: {horizon}
  summary: """ + placeholder("the customer's future strategy in a few sentences.") + """
  # fit with us: {fit_scale}
  fit: 3
  trend: stable  # {trends}
  position: main-channel  # main-channel (主航道) or edge (边缘业务)
# Relationship improvement plans. layer: key (one person), general (coverage of a
# department) or organizational (company to company). Key accounts need an organizational one.
plans:
  - id: pl-org-1
    layer: organizational
    goal: """ + placeholder("e.g. a strategic benchmarking meeting with the customer's leaders.") + """
    owner: {person}
    due: {due}
    status: planned  # {statuses}
    progress: 0  # percent complete, 0-100
"""

CONTACT = (
    """\
---
# A person at the customer. One file per person; the file name is the id.
# Scales run from 1 to 5 everywhere: 1 is the worst, 3 the neutral middle, 5 the best.
# Intimacy and support may be `unknown` until you know: never guess a 3, it reads as "neutral".
# Someone who leaves keeps this file: add `left: YYYY-MM-DD` instead of deleting it.
id: {id}
name: {name}
title: {title}
department: {department}  # for coverage by department
# level: """
    + choices(contact.Level)
    + """
level: {level}
# role in decisions: """
    + choices(contact.DecisionRole)
    + """
role: {role}
# influence on decisions: """
    + scale(scales.INFLUENCE)
    + """
influence: {influence}
# intimacy (亲密度), how close we are: """
    + scale(scales.INTIMACY)
    + """ · unknown
intimacy: {intimacy}
# support (支持度), the person's attitude to us: """
    + scale(scales.SUPPORT)
    + """ · unknown
support: {support}
# our people who own this relationship: ids from accounts/roster.yml
owners:
  - {person}
# who knows whom: each of our people who knows this person (add `since: YYYY-MM-DD` if known), and how well: """
    + scale(scales.STRENGTH)
    + """ · unknown
knows:
  - person: {person}
    strength: unknown
# when this record must next be reviewed (personal data upkeep)
review_by: {review_by}
# reports_to: c-...  # contact id of the person's formal manager
# coach: true  # a coach (教练): someone inside who guides us
# goals: What the person wants to achieve; what is in it for them.
---
"""
    + body_comment("contact")
    + "\n"
)

ACTIVITY = (
    """\
---
# One contact with the customer. One file per activity, so that people logging
# visits in parallel pull requests never touch the same file.
date: {date}
# kind: """
    + choices(activity.ActivityKind)
    + """
kind: {kind}
# one line: what happened and what was agreed
summary: {summary}
# customer contacts met: file names in this account's contacts/ folder, without .md
contacts: {contacts}
# our people present: ids from accounts/roster.yml
people:
  - {person}
# quality against the activity's goal: """
    + scale(scales.QUALITY)
    + """
# quality: 3
# plan: p-...  # id of the improvement plan this activity advances
---
"""
    + body_comment("activity")
    + "\n"
)

TIERS = typing.get_args(account.Tier)
MARKETS = typing.get_args(account.Market)
KINDS = typing.get_args(activity.ActivityKind)
LEVELS = typing.get_args(contact.Level)
ROLES = typing.get_args(contact.DecisionRole)
TRENDS = choices(typing.get_type_hints(account.Strategy)["trend"])
STATUSES = choices(typing.get_type_hints(account.Plan)["status"])
