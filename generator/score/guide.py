"""The scoring guide's worked examples: for each dimension and market type, a small dossier, the
article's rule it applies, and the figures the scorer computes from it.

The site's scoring guide page (en and zh) is rendered from :data:`EXAMPLES` by running the real
loader and scorer on each dossier, and ``tests/score/test_guide.py`` checks every ``expected``
value against the same run: the examples are the golden cases, so the guide cannot drift from
what the scorecards do. Every example is scored with the default settings as of :data:`AS_OF`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..config import Settings
from ..load.files import load_document
from ..model import Account
from .account import score_account
from .config import scoring_config
from .types import AccountScore, Figure, Value

AS_OF = dt.date(2026, 11, 27)
"""The date every example is scored as of."""


@dataclass(frozen=True)
class Example:
    """One worked example."""

    key: str
    """Anchor on the page."""
    title: tuple[str, str]
    """English and Chinese title."""
    quote: str
    """The article's own words this example applies."""
    rule: tuple[str, str]
    """The rule in English and Chinese."""
    dossier: str
    """The account.md frontmatter (YAML) of the small dossier."""
    expected: dict[str, Value] = field(default_factory=dict)
    """Figure key → value the scorer must give; the page shows these figures in this order."""


_BASE = """\
name: Example Co
tier: {tier}
industry: Utilities
region: North
market: {market}
currency: EUR
"""

EXAMPLES: tuple[Example, ...] = (
    Example(
        "saline-alkali",
        ("Dimension 1, saline-alkali market: the key actions, not revenue",
         "维度一·盐碱地市场：考核关键动作，不看收入"),
        "在销售突破“盐碱地市场”的过程中，不可能考核销售收入，这个时候的考核标准应该是：销售关键的动作是否做到位。",
        ("A high-value customer that does not buy from us yet is assessed by whether the key actions were done: "
         "the KPI result is the score of the nine key actions.",
         "尚未采购我方产品的高价值客户，按关键动作是否做到位考核：经营结果即 9 大关键业务动作得分。"),
        _BASE.format(tier="A", market="saline-alkali") + """\
segment: Regional utilities
plans:
  - {id: pl-key, layer: key, goal: Meet the CTO monthly, owner: p-a, due: 2027-03-31, status: in-progress, progress: 50}
  - {id: pl-org, layer: organizational, goal: Strategic benchmarking day, owner: p-a, due: 2027-03-31, status: done}
  - {id: pl-gen, layer: general, goal: Cover the grid department, owner: p-a, due: 2027-03-31, status: planned}
satisfaction:
  - {date: 2026-10-01, score: 4, survey: Annual review}
""",
        {"actions.plans.key": 50.0, "actions.plans.organizational": 100.0, "actions.plans.general": 0.0,
         "actions.score": 38.0, "kpi.score": 38.0},
    ),
    Example(
        "breakthrough",
        ("Dimension 1, breakthrough market: growth against last year", "维度一·新突破市场：考核同比增长"),
        "对新突破的市场，我们主要考核的就是增长，跟去年相比，增长规模如何？",
        ("A newly won market is assessed by growth against last year: 10% growth against the 20% target scores 50.",
         "新突破市场按同比增长考核：增长 10%，对照 20% 的增长目标，得 50 分。"),
        _BASE.format(tier="B", market="breakthrough") + """\
kpi:
  - {year: 2026, sales: 1100000, profit: 110000, headcount: 4}
  - {year: 2025, sales: 1000000, profit: 90000, headcount: 4}
""",
        {"kpi.sales_per_head": 275000.0, "kpi.profit_per_head": 27500.0, "kpi.growth": 10.0, "kpi.growth_score": 50.0,
         "kpi.score": 50.0},
    ),
    Example(
        "mature",
        ("Dimension 1, mature market: target completion, profit and cash flow",
         "维度一·成熟市场：目标完成率、利润和现金流"),
        "对于成熟的市场，我们主要考核的就是利润，主要体现在目标完成率。目标完成率是量化指标：人均销售贡献+人均利润贡献，"
        "包含了有效增长、利润、现金流等。",
        ("A mature market is assessed by target completion (75% → 50 between the 50% and 100% points), "
         "profit margin (12% of the 15% target → 80) and cash collected (80% of sales → 80).",
         "成熟市场按目标完成率（75% → 在 50% 与 100% 之间得 50）、利润率（12%，对照 15% 的目标 → 80）"
         "和现金回款（销售额的 80% → 80）考核。"),
        _BASE.format(tier="B", market="mature") + """\
kpi:
  - {year: 2026, sales: 900000, profit: 108000, headcount: 3, target: 1200000, cash_flow: 720000}
""",
        {"kpi.target_completion": 75.0, "kpi.completion_score": 50.0, "kpi.profit_margin": 12.0,
         "kpi.profit_score": 80.0, "kpi.cash_collection": 80.0, "kpi.cash_score": 80.0, "kpi.score": 70.0},
    ),
    Example(
        "information",
        ("Dimension 2, information completeness: placeholders count as missing",
         "维度二·信息完整度：占位文字按缺失计"),
        "信息完整度：包括制定客户群及客户战略、客户关系规划、管理客户信息",
        ("Defining the customer group and strategy is a checklist; a scaffold's placeholder summary is not a "
         "strategy, and a placeholder plan is not a plan.",
         "制定客户群及客户战略按检查项计；脚手架留下的占位摘要不算客户战略，占位计划也不算计划。"),
        _BASE.format(tier="S", market="mature") + """\
segment: Regional utilities
strategy:
  horizon: 2026-2030
  summary: To be written - the customer's future strategy in a few sentences.
  fit: 4
  trend: stable
  position: main-channel
  investment_areas: [grid digitalisation]
plans:
  - {id: pl-org-1, layer: organizational, goal: "To be written - e.g. a benchmarking meeting", owner: p-a,
     due: 2027-03-31, status: planned}
  - {id: pl-key, layer: key, goal: Win the CFO's support, owner: p-a, due: 2027-03-31, status: planned}
""",
        {"actions.info.customer_strategy": 33.3, "actions.info.relationship_plan": 33.3},
    ),
    Example(
        "satisfaction",
        ("Dimension 2, customer expectation and satisfaction: no customer voice is no data",
         "维度二·客户期望和满意度管理：没有客户的声音即无数据"),
        "准确地说，客户满意度叫客户期望和满意度管理。",
        ("Without a satisfaction result, a recorded opinion or an issue, the group shows no data, and the key "
         "actions count it as 0 rather than leaving it out.",
         "没有满意度结果、没有记录的客户意见、也没有问题时，该组显示无数据，关键动作得分按 0 计入，而不是剔除。"),
        _BASE.format(tier="B", market="mature") + """\
segment: Regional utilities
plans:
  - {id: pl-key, layer: key, goal: Win the CFO's support, owner: p-a, due: 2027-03-31, status: in-progress,
     progress: 60}
""",
        {"groups.satisfaction": None, "actions.score": 25.6},
    ),
    Example(
        "cash-cow",
        ("Classification: a diverging strategy is a cash cow, whatever its revenue",
         "客户分类：战略背离即现金牛客户，无论营收大小"),
        "如果客户跟我们的战略匹配是渐渐背离的，即使现在它对我的营收贡献很大，我们也会把它定义为现金牛客户，"
        "对它整个的投资策略是逐步的收缩，将资源转移到高价值客户上面。",
        ("A tier S customer whose strategy diverges from ours is a cash cow even with large sales; rule AP313 "
         "then follows whether our headcount on it shrinks.",
         "战略背离的 S 类客户，即使销售额很大也是现金牛客户；规则 AP313 随后跟踪我方投入人数是否收缩。"),
        _BASE.format(tier="S", market="mature") + """\
strategy:
  horizon: 2026-2030
  summary: Moving into logistics software, away from our hardware.
  fit: 2
  trend: diverging
  position: edge
kpi:
  - {year: 2026, sales: 9000000, profit: 900000, headcount: 5, target: 9000000}
  - {year: 2025, sales: 9500000, profit: 950000, headcount: 6}
""",
        {"classification": "cash-cow"},
    ),
)
"""Every worked example, in the order the page shows them."""


def example_account(example: Example) -> Account:
    """The example's account, loaded by the real loader; ``ValueError`` if the example itself is invalid."""
    text = f"---\n{example.dossier}---\n"
    doc, problems = load_document(f"guide/{example.key}/account.md", text.encode("utf-8"), Account)
    if problems or doc is None:
        raise ValueError(f"guide example '{example.key}' does not load: {[d.one_line() for d in problems]}")
    return doc.data  # type: ignore[no-any-return]


def example_score(example: Example) -> AccountScore:
    """The example scored as of :data:`AS_OF` with the default settings."""
    config = scoring_config(Settings(today=AS_OF))
    return score_account(example.key, example_account(example), [], [], AS_OF, config)


def example_figures(example: Example) -> list[Figure]:
    """The figures the example shows, in the order of ``expected``."""
    by_key = {f.key: f for f in example_score(example).figures()}
    return [by_key[key] for key in example.expected]
