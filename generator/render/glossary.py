"""The glossary page: each method term in English and Chinese, the article's wording and a one-line meaning.

The English and Chinese names are read from the label tables the pages use (so the glossary
cannot drift from the site); only the article's wording and the meaning are written here.
"""

from __future__ import annotations

from typing import Any

from ..score import labels as figure_labels
from .i18n import ENUMS, UI, Translator

GLOSSARY = "glossary.md"
"""Source path of the generated glossary page."""

# (where the names come from, the article's wording, meaning in English, meaning in Chinese).
# Where: "ui:<key>", "enum:<kind>:<value>" or "figure:<key>" (a scorecard label).
ENTRIES: tuple[tuple[str, str, str, str], ...] = (
    ("ui:layers", "立体式客户关系", "Relationships on three layers at once: key, general and organizational.",
     "关键、普遍、组织三个层面同时构建的客户关系。"),
    ("enum:layer:key", "关键客户关系是点", "The few people whose support wins the first orders: the point.",
     "决定初始订单的少数关键人物的关系，是“点”。"),
    ("enum:layer:general", "普遍客户关系是面", "Broad relationships across departments and levels: the surface.",
     "覆盖各部门、各层级的广泛关系，是“面”。"),
    ("enum:layer:organizational", "组织客户关系是势",
     "Company-to-company ties built on shared values: the momentum.", "公司与公司之间基于价值观契合的关系，是“势”。"),
    ("ui:account_team", "铁三角", "The account team of account, solution and fulfilment managers.",
     "由客户经理、解决方案经理和交付经理组成的客户团队。"),
    ("ui:strategy", "客户战略", "Where the customer is going, read from the information channels.",
     "从各信息渠道读出的客户发展方向。"),
    ("enum:position:main-channel", "主航道", "What we sell is central to the customer's strategy.",
     "我方产品与服务处于客户战略的核心业务中。"),
    ("enum:position:edge", "边缘业务", "What we sell is peripheral to the customer's strategy.",
     "我方产品与服务处于客户业务的边缘。"),
    ("ui:edge_detail", "下沉分析", "For edge business: analysis one level down, where we can still add value.",
     "属于边缘业务时，再往下一层分析我方仍能创造价值之处。"),
    ("ui:fit", "战略匹配", "How far the customer's strategy and ours point the same way, 1–5.",
     "客户战略与我方战略的一致程度，1–5。"),
    ("enum:trend:diverging", "渐渐背离", "The fit is getting weaker over time.", "战略匹配度随时间减弱。"),
    ("enum:classification:cash-cow", "现金牛客户",
     "Diverging strategy but large sales: harvest and move resources to high-value accounts.",
     "战略背离但销售额大的客户：逐步收缩投资，将资源转向高价值客户。"),
    ("enum:classification:maintain", "维持客户", "An account kept at its current level of investment.",
     "保持现有投入水平的客户。"),
    ("enum:market:saline-alkali", "盐碱地市场",
     "A market with high-value customers where we have no product yet; judged by key actions, not sales.",
     "拥有高价值战略客户但尚无我方产品的市场；按关键动作考核，不看销售收入。"),
    ("enum:channel:investor", "投资人", "Investors as an external source of information about the customer.",
     "作为外部信息渠道的投资人。"),
    ("enum:channel:competitor", "友商", "Competitors as a source of information about the customer.",
     "作为信息渠道的友商（竞争对手）。"),
    ("enum:channel:coach", "教练", "A person inside the customer who guides us.", "客户内部指导我方的人。"),
    ("enum:activity:exec-visit", "高层互访", "Executive exchange visits, in both directions.",
     "双方高层的相互拜访。"),
    ("figure:cadence.person", "每周最少见客户5次", "How often a person meets customers each week.",
     "每人每周见客户的次数。"),
    ("figure:kpi.score", "KPI的经营结果", "Dimension one of the scorecard: sales and profit per head.",
     "评分维度一：人均销售与人均利润。"),
    ("figure:actions.score", "9大关键业务动作", "Dimension two: the nine key business actions done in the field.",
     "评分维度二：现场完成的9大关键业务动作。"),
    ("figure:groups.satisfaction", "客户期望和满意度管理",
     "Managing what the customer expects and how satisfied they are.", "管理客户的期望与满意程度。"),
    ("ui:sales", "销售额", "Sales booked with the account in a year.", "一年内与该客户实现的销售额。"),
    ("ui:sales_target", "销售目标", "The sales planned for the account in a year.", "该客户一年的计划销售额。"),
    ("ui:support", "支持度", "The contact's attitude to us, from opposed (1) to strongly supportive (5).",
     "联系人对我方的态度，从反对（1）到坚定支持（5）。"),
    ("ui:intimacy", "亲密度", "How close our relationship is, from stranger (1) to close (5).",
     "我方与联系人关系的亲近程度，从陌生（1）到亲密（5）。"),
)


def _names(where: str) -> tuple[str, str]:
    """English and Chinese names of a term from the label table ``where`` points into."""
    source, _, key = where.partition(":")
    if source == "ui":
        return UI[key]
    if source == "enum":
        kind, _, value = key.partition(":")
        return ENUMS[kind][value]
    return figure_labels.LABELS[key]


def glossary_view(t: Translator) -> list[dict[str, Any]]:
    """The glossary's rows in the page's language, in the order of the method."""
    rows = []
    for where, article, meaning_en, meaning_zh in ENTRIES:
        en, zh = _names(where)
        rows.append({"en": en, "zh": zh, "article": article, "meaning": (meaning_en, meaning_zh)[t.index]})
    return rows
