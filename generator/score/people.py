"""Per person: visit cadence across the portfolio and the health of the relationships they own."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..method import kpi_year
from ..model import Account, Activity, Contact
from .actions import active_contacts
from .cadence import in_window, person_cadence, person_counts
from .config import ScoringConfig
from .figures import figure, mean, missing, num, scale_score, value_of, weighted
from .labels import msg, term
from .types import AccountScore, Figure, PersonScore, Value

AccountData = tuple[str, Account, Sequence[Contact], Sequence[Activity]]
"""``(slug, account, contacts, activities)`` of one dossier."""


def score_people(people: Iterable[str], accounts: Sequence[AccountData], as_of: dt.date,
                 config: ScoringConfig, scores: Mapping[str, AccountScore] | None = None,
                 share: ShareStep | None = None, person: PersonStep | None = None) -> dict[str, PersonScore]:
    """A scorecard for each roster id in ``people``.

    The article evaluates each salesperson (对业务员进行准确评价) by the same two dimensions as an
    account: KPI results per head (人均销售 + 人均利润) and the key actions. A person's share of an
    account is one equal part of its team (each named member counts as one head), so the shares of an
    account's team add up to its sales and profit; their KPI results and key actions are the means of
    the account scores (``scores``) of the accounts they serve. Meeting cadence and the health of owned
    relationships are shown beside them but do not rank anyone: logging more visits is not a result.

    ``share`` and ``person`` compute one dossier's share and one scorecard (default :func:`dossier_share`
    and :func:`person_score`; the incremental package passes ones that keep unchanged results).
    """
    share, person = share or dossier_share, person or person_score
    counts: Counter[str] = Counter()
    teams: dict[str, list[str]] = {}
    owned: dict[str, list[tuple[str, Contact]]] = {}
    heads: dict[str, Head] = {}
    for data in accounts:
        met, team, mine, head = share(data, as_of, config)
        slug = data[0]
        heads[slug] = head
        counts.update(met)
        for member in team:
            teams.setdefault(member, [])
            if slug not in teams[member]:
                teams[member].append(slug)
        for owner, contact in mine:
            owned.setdefault(owner, []).append((slug, contact))
    found = {}
    for pid in people:
        meetings, accounts_of, owns = counts.get(pid, 0), teams.get(pid, []), owned.get(pid, [])
        served = [(slug, heads[slug], scores.get(slug) if scores else None) for slug in accounts_of]
        found[pid] = person(pid, meetings, accounts_of, owns, config, served)
    return found


Head = tuple[float | None, float | None, str, str | None]
"""One head's share of an account's KPI year: sales and profit in the reporting currency (``None`` without a
rate or a KPI record), the currency they are in, and the account's currency when no rate converts it."""


Share = tuple[Counter[str], list[str], list[tuple[str, Contact]], Head]
"""One dossier's share of everyone's scorecards (:func:`dossier_share`)."""


def dossier_share(data: AccountData, as_of: dt.date, config: ScoringConfig) -> Share:
    """One dossier's share of everyone's scorecards: meetings per person in the window, the team's
    people in order, each active contact's owners (once per contact), and one head's share of its KPI year."""
    _, account, contacts, activities = data
    met = person_counts(in_window(activities, as_of, config.limits.weeks_window), config)
    team = [member.person for member in account.team]
    mine = [(owner, contact) for contact in active_contacts(contacts, as_of) for owner in dict.fromkeys(contact.owners)]
    return met, team, mine, _head_share(account, as_of, config)


def _head_share(account: Account, as_of: dt.date, config: ScoringConfig) -> Head:
    """One team member's equal share of the account's latest known sales and profit, converted."""
    record, _ = kpi_year(account, as_of)
    team = list(dict.fromkeys(m.person for m in account.team))
    unit = config.money.unit(account.currency)
    lacking = None if config.money.convertible(account.currency) else account.currency
    if record is None or not team:
        return None, None, unit, lacking
    money = config.money
    sales = money.convert(record.sales / len(team), account.currency)
    profit = money.convert(record.profit / len(team), account.currency)
    return sales, profit, unit, lacking


def _per_head(key: str, index: int, served: Served) -> Figure:
    """The sum of a person's shares (``index`` 0 sales, 1 profit) over the accounts they serve."""
    formula = msg("f.person_share", what=term("sales" if index == 0 else "profit"))
    parts = {slug: (head[0] if index == 0 else head[1]) for slug, head, _ in served}
    units = {head[2] for _, head, _ in served}
    inputs: dict[str, Value] = {slug: (round(v, 2) if v is not None else None) for slug, v in parts.items()}
    if not served:
        return missing(key, formula, [msg("n.serves_none")], inputs, unit="")
    no_rate = sorted({head[3] for _, head, _ in served if head[3] is not None})
    if no_rate:
        return missing(key, formula, [msg("n.no_rate", currencies=", ".join(no_rate))], inputs, unit="")
    if len(units) > 1:
        return missing(key, formula, [msg("n.mixed_currencies", currencies=", ".join(sorted(units)))], inputs,
                       unit="")
    values = [v for v in parts.values() if v is not None]
    if not values:
        return missing(key, formula, [msg("n.no_kpi")], inputs, unit="")
    total = sum(values)
    worked = " + ".join(num(round(v)) for v in values)
    return figure(key, round(total), formula, inputs, (), worked, next(iter(units)))


Served = Sequence[tuple[str, Head, AccountScore | None]]
"""The accounts a person serves: slug, one head's share of its KPI year, its scorecard."""
ShareStep = Callable[[AccountData, dt.date, ScoringConfig], Share]
"""How one dossier's share is computed: :func:`dossier_share`, or a function that gives what it gives."""
PersonStep = Callable[[str, int, list[str], list[tuple[str, Contact]], ScoringConfig, Served], PersonScore]
"""How one scorecard is computed: :func:`person_score`, or a function that gives what it gives."""


def person_score(pid: str, meetings: int, accounts: list[str], owned: list[tuple[str, Contact]],
                 config: ScoringConfig, served: Served = ()) -> PersonScore:
    """One person's scorecard: cadence, owned relationships, KPI per head and key actions of the accounts served."""
    cadence, cadence_score = person_cadence(meetings, config)
    # an unknown intimacy or support is never averaged as a neutral 3: the contact is counted as a gap instead
    known = [(slug, c, c.intimacy, c.support) for slug, c in owned]
    health = mean("people.relationships", msg("f.relationships"),
                  [(f"{slug}/{c.id}", scale_score((intimacy + support) / 2))
                   for slug, c, intimacy, support in known if intimacy is not None and support is not None],
                  empty=msg("n.owns_none") if not owned else msg("n.all_unknown"),
                  inputs={"not yet known": sum(1 for c in owned if c[1].unknown)})
    results = [(slug, value_of(score.kpi_score)) for slug, _, score in served if score is not None]
    actions = [(slug, value_of(score.actions_score)) for slug, _, score in served if score is not None]
    kpi = mean("people.kpi", msg("f.person_mean", what=term("KPI score")),
               [(slug, v) for slug, v in results if v is not None],
               empty=msg("n.no_kpi") if served else msg("n.serves_none"))
    key_actions = mean("people.actions", msg("f.person_mean", what=term("actions score")),
                       [(slug, v) for slug, v in actions if v is not None], empty=msg("n.serves_none"))
    weights = config.dimension_weights
    score = weighted("people.score", [("kpi", weights["kpi"], kpi), ("actions", weights["actions"], key_actions)])
    return PersonScore(person=pid, cadence=cadence, accounts=tuple(accounts),
                       relationships=tuple((slug, c.id) for slug, c in owned), score=score,
                       details=(cadence_score, health, _per_head("people.sales_per_head", 0, served),
                                _per_head("people.profit_per_head", 1, served), kpi, key_actions))
