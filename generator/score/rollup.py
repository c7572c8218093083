"""Roll-ups: mean scores over accounts grouped by tier, region and owner (the team's AR)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from ..model import Account
from .figures import mean, value_of
from .labels import msg, term
from .types import AccountScore, Figure, Rollup

BY = ("tier", "region", "owner")
"""The groupings, in display order."""
NO_OWNER = "(no AR)"
TIER_ORDER = {"S": 0, "A": 1, "B": 2, "C": 3}


def groups_of(by: str, account: Account) -> list[str]:
    """The groups an account falls in: its tier, its region, or each AR of its team."""
    if by == "tier":
        return [account.tier]
    if by == "region":
        return [account.region]
    if by == "owner":
        owners = list(dict.fromkeys(m.person for m in account.team if m.role == "AR"))
        return owners or [NO_OWNER]
    raise ValueError(f"unknown grouping '{by}'; expected one of {', '.join(BY)}")


def _mean_of(key: str, label: str, scores: Sequence[AccountScore], pick: Callable[[AccountScore], Figure]) -> Figure:
    terms = [(s.slug, v) for s in scores if (v := value_of(pick(s))) is not None]
    return mean(key, msg("f.rollup", what=term(label)), terms, empty=msg("n.rollup_empty", what=term(label)),
                inputs={"accounts in group": len(scores), "accounts scored": len(terms)})


RollupStep = Callable[[str, str, list[AccountScore]], Rollup]
"""How one group's roll-up is computed: :func:`group_rollup`, or a function that gives what it gives."""


def rollups(accounts: Mapping[str, Account], scores: Mapping[str, AccountScore],
            by: Iterable[str] = BY, rollup: RollupStep | None = None) -> tuple[Rollup, ...]:
    """Rollups for each grouping in ``by``; groups in a stable order (tiers S→C, else by name).

    ``rollup`` computes one group's (default :func:`group_rollup`; the incremental package passes one that
    keeps the roll-ups of groups whose scores did not change).
    """
    each = rollup or group_rollup
    found: list[Rollup] = []
    for grouping in by:
        members = _members(grouping, accounts, scores)
        order = sorted(members, key=lambda g: (TIER_ORDER.get(g, 9), g) if grouping == "tier" else (g == NO_OWNER, g))
        found += [each(grouping, group, members[group]) for group in order]
    return tuple(found)


def _members(grouping: str, accounts: Mapping[str, Account], scores: Mapping[str, AccountScore]
             ) -> dict[str, list[AccountScore]]:
    """The scores of each group's accounts, groups as first met."""
    members: dict[str, list[AccountScore]] = {}
    for slug, account in accounts.items():
        for group in groups_of(grouping, account):
            members.setdefault(group, []).append(scores[slug])
    return members


def group_rollup(grouping: str, group: str, chosen: list[AccountScore]) -> Rollup:
    """The mean total, KPI and actions scores of one group."""
    return Rollup(
        by=grouping, group=group, accounts=len(chosen),
        total=_mean_of("rollup.total", "total", chosen, lambda s: s.total),
        kpi_score=_mean_of("rollup.kpi", "KPI score", chosen, lambda s: s.kpi_score),
        actions_score=_mean_of("rollup.actions", "actions score", chosen, lambda s: s.actions_score),
    )

