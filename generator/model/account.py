"""The account's main file: ``accounts/<slug>/account.md``.

Its frontmatter holds the profile, the strategy insight, sources, plans, initiatives,
issues, satisfaction results, KPI figures and the gifts register; its body is the
narrative. Contacts and activities live in their own files beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from . import scales
from .spec import Sensitivity, fld, scale

Tier = Literal["S", "A", "B", "C"]
Market = Literal["saline-alkali", "breakthrough", "mature"]
TeamRole = Literal["AR", "SR", "FR", "sponsor", "member"]
Channel = Literal[
    "industry-report",
    "shareholder-meeting",
    "analyst-day",
    "investor",
    "customer-website",
    "internal-publication",
    "annual-report",
    "coach",
    "competitor",
    "news",
]
EXTERNAL_CHANNELS: tuple[str, ...] = ("industry-report", "shareholder-meeting", "analyst-day", "investor", "news")
INTERNAL_CHANNELS: tuple[str, ...] = (
    "customer-website", "internal-publication", "annual-report", "coach", "competitor",
)
PUBLIC_CHANNELS: tuple[str, ...] = (
    "industry-report", "shareholder-meeting", "analyst-day", "customer-website", "annual-report", "news",
)
"""Channels anyone can read. The article: "80%的信息都可以通过公开渠道获得" — about 80% of the information is
public. Investors' talks, the customer's internal publications, our coach and competitors are not."""
PUBLIC_SHARE_EXPECTED = 80
"""The article's share of information available publicly, in %."""
Layer = Literal["key", "general", "organizational"]
Status = Literal["planned", "in-progress", "done", "dropped"]
InitiativeKind = Literal["benchmarking", "executive-visit", "cooperation-agreement", "innovation-centre"]
GiftKind = Literal["gift", "hospitality", "travel", "cash", "voucher", "gift-card"]
CASH_LIKE: frozenset[str] = frozenset({"cash", "voucher", "gift-card"})


@dataclass(kw_only=True, slots=True)
class TeamMember:
    """One of our people on the account team."""

    person: str = fld("Roster id.", ref="person")
    role: TeamRole = fld("AR (account), SR (solution), FR (fulfilment) — the iron triangle — sponsor or member.")


@dataclass(kw_only=True, slots=True)
class Fact:
    """A statement about the customer, with the sources that back it."""

    text: str = fld("The fact, in one or two sentences.")
    sources: list[str] = fld("Source ids; a fact without a source is flagged.", ref="source", factory=list)


@dataclass(kw_only=True, slots=True)
class Strategy:
    """Customer strategy insight over a 3–5-year horizon (客户洞察, 战略匹配度)."""

    horizon: str = fld("Years covered, e.g. `2026-2030`.", example="2026-2030")
    summary: str = fld("The customer's future strategy in a few sentences.")
    fit: int = scale("Strategic fit with us, 1 (opposed) to 5 (aligned).", scales.FIT)
    trend: Literal["converging", "stable", "diverging"] = fld("Where the fit is heading.")
    position: Literal["main-channel", "edge"] = fld("Our offering on the customer's main channel (主航道) or edge.")
    investment_areas: list[str] = fld("Where the customer is putting money.", factory=list)
    business_scope: str | None = fld("What the customer does and plans to do.", default=None)
    organization: str | None = fld("How the customer is organized and changing.", default=None)
    edge_detail: str | None = fld("For an edge position: the analysis one level down.", default=None)
    facts: list[Fact] = fld("Cited facts behind the insight.", factory=list)
    sources: list[str] = fld("Source ids behind the summary.", ref="source", factory=list)


@dataclass(kw_only=True, slots=True)
class Source:
    """Where information came from, and when it was collected."""

    id: str = fld("Id cited by facts, e.g. `s-ar2025`.")
    channel: Channel = fld("One of the method's channels: external (industry-report, ...) or internal.")
    title: str = fld("Title of the document or page.")
    collected: dt.date = fld("Date the information was collected.")
    published: dt.date | None = fld("Date the document was published (a 2023 annual report read today is 2023 "
                                    "news); freshness counts from it when given.", default=None)
    url: str | None = fld("http(s) or mailto link; example.com for samples.", default=None)
    fingerprint: str | None = fld("Fingerprint of the page's text when collected (`accountplan source add`).",
                                  default=None)
    review_by: dt.date | None = fld("When to check the source again.", default=None)
    sensitivity: Sensitivity = fld("Label of the entry.", default="internal")

    @property
    def dated(self) -> dt.date:
        """How old the information is: its publication date when known, else when it was collected."""
        return self.published if self.published is not None and self.published <= self.collected else self.collected


@dataclass(kw_only=True, slots=True)
class Plan:
    """A relationship improvement plan for one of the three layers."""

    id: str = fld("Stable id.")
    layer: Layer = fld("key (a person), general (coverage), organizational (company to company).")
    goal: str = fld("What the plan should achieve.")
    owner: str = fld("Roster id of who drives it.", ref="person")
    due: dt.date = fld("Due date.")
    status: Status = fld("planned, in-progress, done or dropped.")
    progress: int = fld("Percent complete, 0–100.", default=0, low=0, high=100)
    target: str | None = fld("For key plans: the contact id it targets.", default=None, ref="contact")
    department: str | None = fld("For general plans: the department to cover.", default=None)


@dataclass(kw_only=True, slots=True)
class Initiative:
    """An organizational-relationship initiative, one of the method's four kinds."""

    id: str = fld("Stable id.")
    kind: InitiativeKind = fld("benchmarking, executive-visit, cooperation-agreement or innovation-centre.")
    title: str = fld("What it is.")
    status: Status = fld("planned, in-progress, done or dropped.")
    date: dt.date | None = fld("When it happened or is planned.", default=None)
    until: dt.date | None = fld("For agreements: the end of the term.", default=None)
    people: list[str] = fld("Our people involved.", ref="person", factory=list)
    contacts: list[str] = fld("Customer contacts involved.", ref="contact", factory=list)
    notes: str | None = fld("Outcome or next step.", default=None)
    opportunities: list[str] = fld("For agreements: ids of the opportunities it pins down (把项目提前圈定).",
                                   ref="opportunity", factory=list)


@dataclass(kw_only=True, slots=True)
class Issue:
    """An issue or complaint raised by the customer, closed in a loop."""

    id: str = fld("Stable id.")
    title: str = fld("What the customer raised.")
    kind: Literal["issue", "complaint"] = fld("issue or complaint.")
    opened: dt.date = fld("When it was raised.")
    status: Literal["open", "closed"] = fld("open or closed.")
    closed: dt.date | None = fld("When it was closed.", default=None)
    contact: str | None = fld("Who raised it.", default=None, ref="contact")
    owner: str | None = fld("Our person responsible.", default=None, ref="person")


@dataclass(kw_only=True, slots=True)
class Satisfaction:
    """A satisfaction result (survey or structured feedback)."""

    date: dt.date = fld("When it was measured.")
    score: int = scale("Result, 1 (very dissatisfied) to 5 (very satisfied).", scales.SATISFACTION)
    survey: str = fld("Which survey or review.")
    respondents: int | None = fld("How many answered.", default=None, low=0)


@dataclass(kw_only=True, slots=True)
class Kpi:
    """Business results for one year, in the account's currency."""

    year: int = fld("Calendar or fiscal year.", low=1990, high=2100)
    sales: float = fld("Sales (orders or revenue) in the year.", low=0)
    profit: float = fld("Profit in the year.")
    headcount: float = fld("Our headcount serving the account (FTE).", low=0)
    target: float | None = fld("Sales target for the year.", default=None, low=0)
    last_year_sales: float | None = fld("Sales the year before, if not recorded as its own year.", default=None, low=0)
    cash_flow: float | None = fld("Cash collected from the customer in the year (现金流): the article counts it beside "
                                  "effective growth and profit.", default=None)


@dataclass(kw_only=True, slots=True)
class Gift:
    """One entry of the gifts and hospitality register."""

    id: str = fld("Stable id.")
    date: dt.date = fld("When it was given.")
    recipient: str = fld("Contact id of the recipient.", ref="contact")
    kind: GiftKind = fld("gift, hospitality, travel; cash, voucher and gift-card are never allowed.")
    description: str = fld("What it was.")
    value: float = fld("Value per recipient.", low=0)
    currency: str = fld("ISO currency code.", example="EUR")
    purpose: str = fld("Business purpose.")
    given_by: str = fld("Roster id of who gave it.", ref="person")
    public_official: bool = fld("The recipient is a public official or works for a state-owned enterprise.")
    approved_by: str | None = fld("Roster id of the approver.", default=None, ref="person")
    sensitivity: Sensitivity = fld("Label of the entry.", default="restricted")


@dataclass(kw_only=True, slots=True)
class Footprint:
    """One cell of the whitespace grid that opportunities cannot tell: what is installed, or not relevant."""

    unit: str = fld("The customer's business unit (as in opportunities' `unit`).", example="Network")
    offering: str = fld("Our offering (as in opportunities' `offerings`).", example="5g-core")
    state: Literal["installed", "competitor", "not-relevant"] = fld(
        "installed (ours), competitor (a competitor's product is installed) or not-relevant.")
    competitor: str | None = fld("For `competitor`: whose product it is.", default=None)


@dataclass(kw_only=True, slots=True)
class Account:
    """An account dossier's main frontmatter."""

    name: str = fld("Customer name.")
    tier: Tier = fld("S (strategic), A (partner), B or C.")
    industry: str = fld("Industry.")
    region: str = fld("Sales region.")
    market: Market = fld("saline-alkali (盐碱地), breakthrough (新突破) or mature (成熟).")
    currency: str = fld("Currency of the KPI figures.", example="EUR")
    team: list[TeamMember] = fld("Our account team.", factory=list)
    segment: str | None = fld("Customer group this account belongs to.", default=None)
    parent: str | None = fld("Slug of a parent account.", default=None, ident=True)
    strategy: Strategy | None = fld("Strategy insight; required for S and A accounts.", default=None)
    sources: list[Source] = fld("Sources cited in the dossier.", factory=list)
    plans: list[Plan] = fld("Relationship improvement plans.", factory=list)
    initiatives: list[Initiative] = fld("Organizational-relationship initiatives.", factory=list)
    issues: list[Issue] = fld("Issues and complaints.", factory=list)
    satisfaction: list[Satisfaction] = fld("Satisfaction results.", factory=list)
    kpi: list[Kpi] = fld("KPI figures per year.", factory=list)
    gifts: list[Gift] = fld("Gifts and hospitality register (restricted).", factory=list, sensitivity="restricted")
    footprint: list[Footprint] = fld("Installed base per business unit and offering, for the whitespace grid.",
                                     factory=list)
