"""Roll-ups: mean scores over accounts grouped by tier, region and owner (the team's AR)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any

from ..memo import Memo
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


def rollups(accounts: Mapping[str, Account], scores: Mapping[str, AccountScore],
            by: Iterable[str] = BY, memo: Memo[Any] | None = None) -> tuple[Rollup, ...]:
    """Rollups for each grouping in ``by``; groups in a stable order (tiers S→C, else by name).

    With a ``memo`` (``mkdocs serve --dirty``), a group's roll-up is kept while it has the very
    same score objects (scores are memoized per dossier): an edit recomputes only its account's groups.
    """
    found: list[Rollup] = []
    for grouping in by:
        members = _members(grouping, accounts, scores)
        order = sorted(members, key=lambda g: (TIER_ORDER.get(g, 9), g) if grouping == "tier" else (g == NO_OWNER, g))
        for group in order:
            chosen = members[group]
            if memo is None:
                found.append(_rollup(grouping, group, chosen))
                continue
            # The kept value holds the group's score objects, so their ids stand for them while it is kept.
            kept: tuple[list[AccountScore], Rollup] = memo.get(
                (grouping, group, tuple(id(score) for score in chosen)),
                partial(_kept_rollup, grouping, group, chosen))
            found.append(kept[1])
    return tuple(found)


def _members(grouping: str, accounts: Mapping[str, Account], scores: Mapping[str, AccountScore]
             ) -> dict[str, list[AccountScore]]:
    """The scores of each group's accounts, groups as first met."""
    members: dict[str, list[AccountScore]] = {}
    for slug, account in accounts.items():
        for group in groups_of(grouping, account):
            members.setdefault(group, []).append(scores[slug])
    return members


def _rollup(grouping: str, group: str, chosen: list[AccountScore]) -> Rollup:
    """The mean total, KPI and actions scores of one group."""
    return Rollup(
        by=grouping, group=group, accounts=len(chosen),
        total=_mean_of("rollup.total", "total", chosen, lambda s: s.total),
        kpi_score=_mean_of("rollup.kpi", "KPI score", chosen, lambda s: s.kpi_score),
        actions_score=_mean_of("rollup.actions", "actions score", chosen, lambda s: s.actions_score),
    )


def _kept_rollup(grouping: str, group: str, chosen: list[AccountScore]) -> tuple[list[AccountScore], Rollup]:
    return chosen, _rollup(grouping, group, chosen)
